output "primary_endpoint" {
  description = "Primary endpoint of the replication group (TLS, port 6379)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "url_secret_arn" {
  description = "Secrets Manager ARN of the rediss:// URL with the AUTH token (the chart's secrets.redis)."
  value       = aws_secretsmanager_secret.url.arn
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.this.id
}
