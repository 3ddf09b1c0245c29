variable "name" {
  description = "Identifier of the DB instance, prefix of its groups."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL version (the services are tested on 14 and 15; Flyway 12 supports 16)."
  type        = string
  default     = "16.4"
}

variable "instance_class" {
  description = "DB instance class."
  type        = string
  default     = "db.m7g.large"
}

variable "initial_database" {
  description = "Database created with the instance; create `retraining` beside it once (docs in terraform/README.md)."
  type        = string
  default     = "ingestion"
}

variable "allocated_storage_gb" {
  description = "Initial storage, in GiB."
  type        = number
  default     = 100
}

variable "max_allocated_storage_gb" {
  description = "Ceiling of storage autoscaling, in GiB."
  type        = number
  default     = 1000
}

variable "multi_az" {
  description = "Standby in a second zone with synchronous replication."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 14
}

variable "deletion_protection" {
  description = "Refuse to delete the instance until this is turned off."
  type        = bool
  default     = true
}

variable "vpc_id" {
  description = "VPC of the instance."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the DB subnet group."
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group of the clients (the EKS nodes and pods)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key ARN that encrypts storage, snapshots and Performance Insights."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "KMS key ARN that encrypts the RDS-managed master password secret."
  type        = string
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
