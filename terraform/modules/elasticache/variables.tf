variable "name" {
  description = "Replication group id, prefix of its groups and secret."
  type        = string
}

variable "engine_version" {
  description = "Redis engine version."
  type        = string
  default     = "7.1"
}

variable "node_type" {
  description = "Cache node type."
  type        = string
  default     = "cache.m7g.large"
}

variable "replicas" {
  description = "Read replicas besides the primary (1 or more enables automatic failover and multi-AZ)."
  type        = number
  default     = 1
}

variable "snapshot_retention_days" {
  description = "Days of daily snapshots (feature state can also be rebuilt from transactions.validated)."
  type        = number
  default     = 7
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the cache subnet group."
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group of the clients (the EKS nodes and pods)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key ARN that encrypts the cache at rest and its snapshots."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "KMS key ARN that encrypts the Redis URL secret."
  type        = string
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
