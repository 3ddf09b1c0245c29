output "bucket" {
  description = "Name of the model-artifact bucket (the chart's modelStore.s3.bucket)."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the bucket."
  value       = aws_s3_bucket.this.arn
}

output "read_policy_json" {
  description = "IAM policy reading model artifacts (scoring-service's IRSA role)."
  value       = data.aws_iam_policy_document.read.json
}

output "read_write_policy_json" {
  description = "IAM policy reading and writing model artifacts (retraining-service's IRSA role)."
  value       = data.aws_iam_policy_document.read_write.json
}
