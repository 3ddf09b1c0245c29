variable "name" {
  description = "Prefix of the key aliases (alias/<name>-<purpose>)."
  type        = string
}

variable "region" {
  description = "AWS region, for the CloudWatch Logs service principal of the logs key."
  type        = string
}

variable "purposes" {
  description = "One key per purpose: eks (Kubernetes secrets), msk, rds, elasticache, documentdb, s3, ecr, secrets (Secrets Manager), logs."
  type        = list(string)
  default     = ["eks", "msk", "rds", "elasticache", "documentdb", "s3", "ecr", "secrets", "logs"]
}

variable "deletion_window_in_days" {
  description = "Waiting period before a scheduled key deletion takes effect."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags on every key."
  type        = map(string)
  default     = {}
}
