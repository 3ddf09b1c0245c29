variable "prefix" {
  description = "Namespace of the repositories (<prefix>/<image>), the chart's global.image.registry suffix."
  type        = string
  default     = "openfraud"
}

variable "repositories" {
  description = "Images: the five services (JVM and -native tags share a repository)."
  type        = list(string)
  default     = ["ingestion-service", "feature-service", "scoring-service", "retraining-service", "governance-service"]
}

variable "kms_key_arn" {
  description = "KMS key ARN that encrypts images."
  type        = string
}

variable "untagged_days" {
  description = "Days after which untagged images expire."
  type        = number
  default     = 14
}

variable "tags" {
  description = "Tags on every repository."
  type        = map(string)
  default     = {}
}
