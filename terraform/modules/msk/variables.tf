variable "name" {
  description = "Name of the MSK cluster."
  type        = string
}

variable "kafka_version" {
  description = "Apache Kafka version of the brokers (clients are 4.1; MSK 3.8.x brokers serve them)."
  type        = string
  default     = "3.8.x"
}

variable "broker_count" {
  description = "Brokers, a multiple of the subnets' zones (3 for replication factor 3, min ISR 2)."
  type        = number
  default     = 3
}

variable "instance_type" {
  description = "Broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "volume_size_gb" {
  description = "EBS storage per broker, in GiB."
  type        = number
  default     = 500
}

variable "vpc_id" {
  description = "VPC of the brokers."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the brokers, one per zone."
  type        = list(string)
}

variable "client_security_group_id" {
  description = "Security group of the clients (the EKS nodes and pods) allowed to reach the brokers."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key ARN that encrypts broker storage."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "KMS key ARN that encrypts the SCRAM credentials secret."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key ARN that encrypts the broker log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of broker logs, in days."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
