{{/*
Names and labels, shared by every template.
*/}}

{{/* Chart name, overridable, trimmed to 63 characters. */}}
{{- define "openfraud.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name prefixing every object: the release name, plus the chart name unless the release name contains it. */}}
{{- define "openfraud.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "openfraud.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "openfraud.labels" -}}
helm.sh/chart: {{ include "openfraud.chart" . }}
app.kubernetes.io/name: {{ include "openfraud.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: openfraud
{{- with .Values.global.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector of every pod of this release (NetworkPolicy default deny). */}}
{{- define "openfraud.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "openfraud.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Per-component helpers take a dict: root (the top context) and key (ingestion, feature, scoring, retraining,
governance, or a demo store name).
*/}}

{{/* The component label value: ingestion-service, ..., or demo-kafka. */}}
{{- define "openfraud.component" -}}
{{- if hasPrefix "demo-" .key -}}{{ .key }}{{- else -}}{{ printf "%s-service" .key }}{{- end -}}
{{- end -}}

{{/* Name of a component's objects: <fullname>-<key>, trimmed to 63. */}}
{{- define "openfraud.componentName" -}}
{{- printf "%s-%s" (include "openfraud.fullname" .root) .key | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of one component. */}}
{{- define "openfraud.selectorLabels" -}}
{{ include "openfraud.releaseSelectorLabels" .root }}
app.kubernetes.io/component: {{ include "openfraud.component" . }}
{{- end -}}

{{/* Labels of one component's objects. */}}
{{- define "openfraud.componentLabels" -}}
{{ include "openfraud.labels" .root }}
app.kubernetes.io/component: {{ include "openfraud.component" . }}
{{- end -}}

{{/* In-cluster URL of a service: http://<name>:<port>. */}}
{{- define "openfraud.serviceUrl" -}}
{{- $svc := index .root.Values.services .key -}}
{{- printf "http://%s:%d" (include "openfraud.componentName" .) (int $svc.port) -}}
{{- end -}}

{{/* Image of a service: registry/repository:tag, with -native for native images. */}}
{{- define "openfraud.image" -}}
{{- $svc := index .root.Values.services .key -}}
{{- $tag := $svc.image.tag | default .root.Values.global.image.tag | default .root.Chart.AppVersion -}}
{{- $suffix := ternary "-native" "" (eq .root.Values.global.image.flavour "native") -}}
{{- printf "%s/%s:%s%s" .root.Values.global.image.registry $svc.image.repository $tag $suffix -}}
{{- end -}}

{{/* Name of a secret: the configured name, or <fullname>-<suffix>. Takes root, name, suffix. */}}
{{- define "openfraud.secretName" -}}
{{- .name | default (printf "%s-%s" (include "openfraud.fullname" .root) .suffix) -}}
{{- end -}}

{{/* Partitions of a topic from kafka.topicPartitions; fails on an unknown topic. Takes root and topic. */}}
{{- define "openfraud.partitions" -}}
{{- $p := index .root.Values.kafka.topicPartitions .topic -}}
{{- if not $p -}}
{{- fail (printf "topic %q is not in kafka.topicPartitions" .topic) -}}
{{- end -}}
{{- $p -}}
{{- end -}}

{{/* Kafka bootstrap servers: the demo broker, or kafka.bootstrapServers (required). */}}
{{- define "openfraud.kafkaBootstrap" -}}
{{- if .Values.demo.enabled -}}
{{- printf "%s:9092" (include "openfraud.componentName" (dict "root" . "key" "demo-kafka")) -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required (MSK TLS brokers, terraform output msk_bootstrap_brokers_tls)" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* Kafka security protocol: PLAINTEXT in the demo, else kafka.securityProtocol. */}}
{{- define "openfraud.kafkaProtocol" -}}
{{- if .Values.demo.enabled -}}PLAINTEXT{{- else -}}{{ .Values.kafka.securityProtocol }}{{- end -}}
{{- end -}}

{{/* JDBC URL of a service's database (root, key). */}}
{{- define "openfraud.jdbcUrl" -}}
{{- if .root.Values.demo.enabled -}}
{{- printf "jdbc:postgresql://%s:5432/%s" (include "openfraud.componentName" (dict "root" .root "key" "demo-postgresql")) .key -}}
{{- else -}}
{{- $db := index .root.Values.postgresql .key -}}
{{- required (printf "postgresql.%s.jdbcUrl is required (RDS endpoint, terraform output rds_endpoint)" .key) $db.jdbcUrl -}}
{{- end -}}
{{- end -}}

{{/* NetworkPolicy peers of a store (root, store: kafka, postgresql, redis, mongodb): the demo pod, or CIDR blocks. */}}
{{- define "openfraud.storePeers" -}}
{{- if .root.Values.demo.enabled -}}
- podSelector:
    matchLabels:
      {{- include "openfraud.selectorLabels" (dict "root" .root "key" (printf "demo-%s" .store)) | nindent 6 }}
{{- else -}}
{{- $cfg := index .root.Values.networkPolicy .store -}}
{{- $cidrs := $cfg.cidrs | default .root.Values.networkPolicy.storeCidrs -}}
{{- if not $cidrs }}{{ fail (printf "networkPolicy.%s.cidrs or networkPolicy.storeCidrs is required" .store) }}{{ end -}}
{{- range $cidrs }}
- ipBlock:
    cidr: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}
