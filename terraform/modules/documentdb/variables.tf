variable "name" {
  description = "Cluster identifier, prefix of its groups and secret."
  type        = string
}

variable "engine_version" {
  description = "DocumentDB engine version (MongoDB 5.0 API; the service's driver needs wire version 8 or later)."
  type        = string
  default     = "5.0.0"
}

variable "instance_class" {
  description = "Instance class of the cluster's instances."
  type        = string
  default     = "db.r6g.large"
}

variable "instance_count" {
  description = "Instances (one primary, the rest replicas in other zones)."
  type        = number
  default     = 2
}

variable "backup_retention_days" {
  description = "Days of automated backups."
  type        = number
  default     = 14
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster until this is turned off (the audit trail must survive mistakes)."
  type        = bool
  default     = true
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the cluster subnet group."
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group of the clients (the EKS nodes and pods)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key ARN that encrypts cluster storage and snapshots."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "KMS key ARN that encrypts the connection-string secret."
  type        = string
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
