{{/*
The template set shared by the five services. Each takes a dict: root (the top context) and key (ingestion, feature,
scoring, retraining, governance). Service-specific configuration is in "openfraud.serviceEnv" only.
*/}}

{{/* A secretKeyRef environment entry. Takes name (variable), secret, key. */}}
{{- define "openfraud.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* Environment common to every service: profile, port, Kafka, token verification key, JVM options. */}}
{{- define "openfraud.commonEnv" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values.services .key -}}
- name: QUARKUS_PROFILE
  value: {{ $root.Values.global.profile | quote }}
- name: QUARKUS_HTTP_PORT
  value: {{ $svc.port | quote }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ include "openfraud.kafkaBootstrap" $root | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ include "openfraud.kafkaProtocol" $root | quote }}
{{- if and (not $root.Values.demo.enabled) (eq $root.Values.kafka.securityProtocol "SASL_SSL") }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $root.Values.kafka.sasl.mechanism | quote }}
{{ include "openfraud.secretEnv" (dict "name" "KAFKA_SASL_JAAS_CONFIG" "secret" (include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.kafkaSasl.name "suffix" "kafka-sasl")) "key" $root.Values.secrets.kafkaSasl.jaasConfigKey) }}
{{- end }}
{{ include "openfraud.secretEnv" (dict "name" "MP_JWT_VERIFY_PUBLICKEY" "secret" (include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.jwt.name "suffix" "jwt")) "key" $root.Values.secrets.jwt.publicKeyKey) }}
- name: JAVA_OPTS_APPEND
  value: {{ $svc.javaOpts | default $root.Values.defaults.javaOpts | quote }}
{{- end -}}

{{/* PostgreSQL datasource of ingestion, scoring or retraining. */}}
{{- define "openfraud.datasourceEnv" -}}
{{- $s := index .root.Values.secrets.postgresql .key -}}
{{- $secret := include "openfraud.secretName" (dict "root" .root "name" $s.name "suffix" (printf "%s-db" .key)) -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ include "openfraud.jdbcUrl" . | quote }}
{{ include "openfraud.secretEnv" (dict "name" "QUARKUS_DATASOURCE_USERNAME" "secret" $secret "key" $s.usernameKey) }}
{{ include "openfraud.secretEnv" (dict "name" "QUARKUS_DATASOURCE_PASSWORD" "secret" $secret "key" $s.passwordKey) }}
{{- end -}}

{{/* DJL: offline always; the engine's native libraries are baked into the image (ENGINE_CACHE_DIR, read-only), the
     writable cache is an emptyDir. Model artifacts from S3. */}}
{{- define "openfraud.modelEnv" -}}
- name: DJL_OFFLINE
  value: "true"
- name: DJL_CACHE_DIR
  value: /var/cache/djl
{{- with .root.Values.modelStore.s3 }}
- name: OPENFRAUD_MODEL_STORE_S3_BUCKET
  value: {{ .bucket | quote }}
- name: OPENFRAUD_MODEL_STORE_S3_REGION
  value: {{ .region | quote }}
- name: OPENFRAUD_MODEL_STORE_S3_PREFIX
  value: {{ .prefix | quote }}
{{- end }}
{{- end -}}

{{/* Environment of one service: what fraudctl's ServiceStack sets locally, from values and secrets. */}}
{{- define "openfraud.serviceEnv" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values.services .key -}}
{{ include "openfraud.commonEnv" . }}
{{- if eq .key "ingestion" }}
{{ include "openfraud.datasourceEnv" . }}
{{- $masking := include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.masking.name "suffix" "masking") }}
{{ include "openfraud.secretEnv" (dict "name" "OPENFRAUD_MASKING_PAN_KEY" "secret" $masking "key" $root.Values.secrets.masking.panKeyKey) }}
{{ include "openfraud.secretEnv" (dict "name" "OPENFRAUD_MASKING_PSEUDONYM_KEY" "secret" $masking "key" $root.Values.secrets.masking.pseudonymKeyKey) }}
{{ include "openfraud.secretEnv" (dict "name" "OPENFRAUD_VAULT_MASTER_KEY" "secret" $masking "key" $root.Values.secrets.masking.vaultMasterKeyKey) }}
- name: QUARKUS_REST_CLIENT_SCORING_SERVICE_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "scoring") | quote }}
{{- else if eq .key "feature" }}
{{ include "openfraud.secretEnv" (dict "name" "QUARKUS_REDIS_HOSTS" "secret" (include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.redis.name "suffix" "redis")) "key" $root.Values.secrets.redis.hostsKey) }}
{{- else if eq .key "scoring" }}
{{ include "openfraud.datasourceEnv" . }}
- name: QUARKUS_REST_CLIENT_FEATURE_SERVICE_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "feature") | quote }}
- name: QUARKUS_REST_CLIENT_MODEL_REGISTRY_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "retraining") | quote }}
{{- /* Signs the short-lived `service` tokens scoring presents to the registry (champion and artifact downloads). */}}
{{ include "openfraud.secretEnv" (dict "name" "SMALLRYE_JWT_SIGN_KEY" "secret" (include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.governance.name "suffix" "governance")) "key" $root.Values.secrets.governance.jwtSigningKeyKey) }}
{{ include "openfraud.modelEnv" . }}
{{- else if eq .key "retraining" }}
{{ include "openfraud.datasourceEnv" . }}
{{ include "openfraud.modelEnv" . }}
- name: OPENFRAUD_REGISTRY_PUBLIC_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "retraining") | quote }}
{{- /* The trainer reads ingestion's masked export; without the token only synthetic runs train. */}}
- name: OPENFRAUD_INGESTION_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "ingestion") | quote }}
{{ include "openfraud.secretEnv" (dict "name" "OPENFRAUD_TRAINER_EXPORT_TOKEN" "secret" (include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.trainerExport.name "suffix" "trainer-export")) "key" $root.Values.secrets.trainerExport.tokenKey "optional" true) }}
{{- else if eq .key "governance" }}
{{ include "openfraud.secretEnv" (dict "name" "QUARKUS_MONGODB_CONNECTION_STRING" "secret" (include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.mongodb.name "suffix" "mongodb")) "key" $root.Values.secrets.mongodb.connectionStringKey) }}
- name: QUARKUS_MONGODB_DATABASE
  value: {{ $root.Values.mongodb.database | quote }}
{{- $masking := include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.masking.name "suffix" "masking") }}
{{ include "openfraud.secretEnv" (dict "name" "OPENFRAUD_MASKING_PAN_KEY" "secret" $masking "key" $root.Values.secrets.masking.panKeyKey) }}
{{ include "openfraud.secretEnv" (dict "name" "OPENFRAUD_MASKING_PSEUDONYM_KEY" "secret" $masking "key" $root.Values.secrets.masking.pseudonymKeyKey) }}
{{- $governance := include "openfraud.secretName" (dict "root" $root "name" $root.Values.secrets.governance.name "suffix" "governance") }}
{{ include "openfraud.secretEnv" (dict "name" "OPENFRAUD_AUDIT_HMAC_KEY" "secret" $governance "key" $root.Values.secrets.governance.auditHmacKeyKey) }}
{{ include "openfraud.secretEnv" (dict "name" "SMALLRYE_JWT_SIGN_KEY" "secret" $governance "key" $root.Values.secrets.governance.jwtSigningKeyKey) }}
- name: OPENFRAUD_DSR_PEERS_INGESTION_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "ingestion") | quote }}
- name: OPENFRAUD_DSR_PEERS_FEATURE_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "feature") | quote }}
- name: OPENFRAUD_DSR_PEERS_SCORING_URL
  value: {{ include "openfraud.serviceUrl" (dict "root" $root "key" "scoring") | quote }}
{{- if and $svc.auditAnchor $svc.auditAnchor.enabled }}
- name: OPENFRAUD_AUDIT_ANCHOR_FILE
  value: {{ printf "%s/audit-anchor" (trimSuffix "/" $svc.auditAnchor.mountPath) | quote }}
{{- end }}
{{- end }}
{{- range $name, $value := $svc.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* An HTTP probe on a /q/health endpoint. Takes path, port (name), settings. */}}
{{- define "openfraud.probe" -}}
httpGet:
  path: {{ .path }}
  port: {{ .port }}
periodSeconds: {{ .settings.periodSeconds }}
failureThreshold: {{ .settings.failureThreshold }}
timeoutSeconds: {{ .settings.timeoutSeconds }}
{{- end -}}

{{/* Pod anti-affinity between replicas of one component, and zone spread. */}}
{{- define "openfraud.affinity" -}}
{{- $root := .root -}}
{{- $term := dict "labelSelector" (dict "matchLabels" (include "openfraud.selectorLabels" . | fromYaml)) "topologyKey" $root.Values.global.antiAffinityTopologyKey -}}
affinity:
  podAntiAffinity:
{{- if eq $root.Values.global.antiAffinity "hard" }}
    requiredDuringSchedulingIgnoredDuringExecution:
      - {{ toYaml $term | nindent 8 | trim }}
{{- else }}
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          {{- toYaml $term | nindent 10 }}
{{- end }}
{{- if $root.Values.global.zoneSpread }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "openfraud.selectorLabels" . | nindent 8 }}
{{- end }}
{{- end -}}

{{/* The Deployment of one service. */}}
{{- define "openfraud.deployment" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values.services .key -}}
{{- $d := $root.Values.defaults -}}
{{- $djl := or (eq .key "scoring") (eq .key "retraining") -}}
{{- $scaled := and $svc.autoscaling $svc.autoscaling.enabled -}}
{{- $anchor := and (eq .key "governance") $svc.auditAnchor $svc.auditAnchor.enabled -}}
{{- if and $anchor (not $root.Values.demo.enabled) (not $svc.auditAnchor.existingClaim) (or $scaled (gt (int $svc.replicaCount) 1)) }}
{{- if not (has "ReadWriteMany" $svc.auditAnchor.accessModes) }}{{ fail "services.governance.auditAnchor.accessModes must include ReadWriteMany with several replicas: they share the anchor file" }}{{ end }}
{{- end }}
{{- if eq .key "retraining" }}
{{- if ne (int $svc.replicaCount) 1 }}{{ fail "services.retraining.replicaCount must be 1: one trainer at a time" }}{{ end }}
{{- if $scaled }}{{ fail "services.retraining.autoscaling.enabled must be false: one trainer at a time" }}{{ end }}
{{- end }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "openfraud.componentName" . }}
  labels:
    {{- include "openfraud.componentLabels" . | nindent 4 }}
spec:
  {{- if not $scaled }}
  replicas: {{ $svc.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "openfraud.selectorLabels" . | nindent 6 }}
  {{- if eq .key "retraining" }}
  # One trainer at a time: the old pod stops before the new one starts.
  strategy:
    type: Recreate
  {{- else }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  {{- end }}
  template:
    metadata:
      labels:
        {{- include "openfraud.componentLabels" . | nindent 8 }}
      annotations:
        checksum/secrets: {{ include (print $root.Template.BasePath "/secrets.yaml") $root | sha256sum }}
        {{- with $d.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "openfraud.componentName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $d.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $d.podSecurityContext | nindent 8 }}
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      {{- include "openfraud.affinity" . | nindent 6 }}
      {{- with $d.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $d.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ include "openfraud.component" . }}
          image: {{ include "openfraud.image" . }}
          imagePullPolicy: {{ $root.Values.global.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $svc.port }}
              protocol: TCP
          env:
            {{- include "openfraud.serviceEnv" . | nindent 12 }}
          startupProbe:
            {{- include "openfraud.probe" (dict "path" "/q/health/started" "port" "http" "settings" $d.probes.startup) | nindent 12 }}
          livenessProbe:
            {{- include "openfraud.probe" (dict "path" "/q/health/live" "port" "http" "settings" $d.probes.liveness) | nindent 12 }}
          readinessProbe:
            {{- include "openfraud.probe" (dict "path" "/q/health/ready" "port" "http" "settings" $d.probes.readiness) | nindent 12 }}
          resources:
            {{- toYaml $svc.resources | nindent 12 }}
          securityContext:
            {{- toYaml $d.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $djl }}
            - name: djl-cache
              mountPath: /var/cache/djl
            {{- end }}
            {{- if $anchor }}
            - name: audit-anchor
              mountPath: {{ $svc.auditAnchor.mountPath }}
            {{- end }}
            {{- with $svc.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $d.tmpSizeLimit }}
        {{- if $djl }}
        # Writable DJL cache (model zoo metadata). The PyTorch engine itself is baked into the image.
        - name: djl-cache
          emptyDir:
            sizeLimit: 256Mi
        {{- end }}
        {{- if $anchor }}
        # The signed head of the audit chain (OPENFRAUD_AUDIT_ANCHOR_FILE), outside MongoDB.
        - name: audit-anchor
          {{- if $root.Values.demo.enabled }}
          emptyDir:
            sizeLimit: 1Mi
          {{- else }}
          persistentVolumeClaim:
            claimName: {{ $svc.auditAnchor.existingClaim | default (printf "%s-audit-anchor" (include "openfraud.componentName" .)) }}
          {{- end }}
        {{- end }}
        {{- with $svc.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* The ClusterIP Service of one service. */}}
{{- define "openfraud.service" -}}
{{- $svc := index .root.Values.services .key -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "openfraud.componentName" . }}
  labels:
    {{- include "openfraud.componentLabels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "openfraud.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $svc.port }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* The ServiceAccount of one service (IRSA annotations from values). */}}
{{- define "openfraud.serviceAccount" -}}
{{- $svc := index .root.Values.services .key -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "openfraud.componentName" . }}
  labels:
    {{- include "openfraud.componentLabels" . | nindent 4 }}
  {{- $ann := merge (dict) ($svc.serviceAccount.annotations | default dict) (.root.Values.serviceAccount.annotations | default dict) }}
  {{- with $ann }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}

{{/* Checks maxReplicas against the lag topic's partitions. */}}
{{- define "openfraud.checkMaxReplicas" -}}
{{- $a := (index .root.Values.services .key).autoscaling -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) }}{{ fail (printf "services.%s.autoscaling: minReplicas > maxReplicas" .key) }}{{ end -}}
{{- if ne $a.lag.mode "none" -}}
{{- $partitions := include "openfraud.partitions" (dict "root" .root "topic" $a.lag.topic) | int -}}
{{- if gt (int $a.maxReplicas) $partitions -}}
{{- fail (printf "services.%s.autoscaling.maxReplicas (%d) exceeds the %d partitions of %s: extra replicas would idle" .key (int $a.maxReplicas) $partitions $a.lag.topic) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The HorizontalPodAutoscaler of one service: CPU, plus consumer lag as an External metric. */}}
{{- define "openfraud.hpa" -}}
{{- $root := .root -}}
{{- $a := (index $root.Values.services .key).autoscaling -}}
{{- include "openfraud.checkMaxReplicas" . -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "openfraud.componentName" . }}
  labels:
    {{- include "openfraud.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "openfraud.componentName" . }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  behavior:
    {{- toYaml $root.Values.autoscaling.behavior | nindent 4 }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage }}
    {{- if eq $a.lag.mode "external" }}
    - type: External
      external:
        metric:
          name: {{ $root.Values.autoscaling.external.metricName }}
          selector:
            matchLabels:
              {{ $root.Values.autoscaling.external.groupLabel }}: {{ $a.lag.consumerGroup }}
              {{ $root.Values.autoscaling.external.topicLabel }}: {{ $a.lag.topic }}
        target:
          type: AverageValue
          averageValue: {{ $a.lag.targetPerReplica | quote }}
    {{- end }}
{{- end -}}

{{/* The KEDA ScaledObject of one service (instead of the HPA: KEDA owns the HPA it creates). */}}
{{- define "openfraud.scaledObject" -}}
{{- $root := .root -}}
{{- $a := (index $root.Values.services .key).autoscaling -}}
{{- include "openfraud.checkMaxReplicas" . -}}
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ include "openfraud.componentName" . }}
  labels:
    {{- include "openfraud.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "openfraud.componentName" . }}
  minReplicaCount: {{ $a.minReplicas }}
  maxReplicaCount: {{ $a.maxReplicas }}
  pollingInterval: {{ $root.Values.autoscaling.keda.pollingInterval }}
  cooldownPeriod: {{ $root.Values.autoscaling.keda.cooldownPeriod }}
  advanced:
    horizontalPodAutoscalerConfig:
      behavior:
        {{- toYaml $root.Values.autoscaling.behavior | nindent 8 }}
  triggers:
    - type: cpu
      metricType: Utilization
      metadata:
        value: {{ $a.targetCPUUtilizationPercentage | quote }}
    - type: kafka
      metadata:
        bootstrapServers: {{ include "openfraud.kafkaBootstrap" $root | quote }}
        consumerGroup: {{ $a.lag.consumerGroup | quote }}
        topic: {{ $a.lag.topic | quote }}
        lagThreshold: {{ $a.lag.targetPerReplica | quote }}
        # Never ask for more replicas than partitions.
        allowIdleConsumers: "false"
        {{- if ne (include "openfraud.kafkaProtocol" $root) "PLAINTEXT" }}
        tls: enable
        {{- end }}
      {{- with $root.Values.autoscaling.keda.triggerAuthentication }}
      authenticationRef:
        name: {{ . }}
      {{- end }}
{{- end -}}

{{/* The PodDisruptionBudget of one service (maxUnavailable 1 for a single replica, so drains proceed). */}}
{{- define "openfraud.pdb" -}}
{{- $svc := index .root.Values.services .key -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "openfraud.componentName" . }}
  labels:
    {{- include "openfraud.componentLabels" . | nindent 4 }}
spec:
  {{- if eq .key "retraining" }}
  maxUnavailable: 1
  {{- else }}
  minAvailable: {{ $svc.pdb.minAvailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "openfraud.selectorLabels" . | nindent 6 }}
{{- end -}}
