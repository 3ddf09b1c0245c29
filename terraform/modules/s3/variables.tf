variable "bucket_name" {
  description = "Name of the model-artifact bucket (globally unique)."
  type        = string
}

variable "prefix" {
  description = "Key prefix of model artifacts (the chart's modelStore.s3.prefix)."
  type        = string
  default     = "models/"
}

variable "kms_key_arn" {
  description = "KMS key ARN that encrypts objects."
  type        = string
}

variable "noncurrent_version_days" {
  description = "Days to keep overwritten or deleted object versions."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = {}
}
