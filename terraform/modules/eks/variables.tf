variable "name" {
  description = "Name of the EKS cluster, prefix of its IAM roles."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes version of the control plane (the chart needs 1.27 or later)."
  type        = string
  default     = "1.31"
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the control-plane network interfaces and of the nodes."
  type        = list(string)
}

variable "public_access_cidrs" {
  description = "CIDR blocks allowed to reach the public API endpoint; empty keeps the endpoint private only."
  type        = list(string)
  default     = []
}

variable "secrets_kms_key_arn" {
  description = "KMS key ARN that envelope-encrypts Kubernetes secrets."
  type        = string
}

variable "ebs_kms_key_arn" {
  description = "KMS key ARN that encrypts the nodes' EBS volumes."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key ARN that encrypts the control-plane log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of control-plane logs, in days."
  type        = number
  default     = 90
}

variable "vpc_cni_version" {
  description = "Version of the vpc-cni add-on (network policy enforcement needs v1.14 or later); null takes the default for the cluster version."
  type        = string
  default     = null
}

variable "node_groups" {
  description = "Managed node groups: instance types, capacity type (ON_DEMAND or SPOT), sizes, disk and labels."
  type = map(object({
    instance_types = list(string)
    capacity_type  = string
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gb   = number
    labels         = map(string)
  }))
}

variable "irsa_roles" {
  description = "IAM roles for service accounts: key => namespace, service account name and an inline policy (JSON)."
  type = map(object({
    namespace       = string
    service_account = string
    policy_json     = string
  }))
  default = {}
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
