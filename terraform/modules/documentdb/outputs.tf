output "endpoint" {
  description = "Cluster (writer) endpoint."
  value       = aws_docdb_cluster.this.endpoint
}

output "connection_secret_arn" {
  description = "Secrets Manager ARN of the connection string (the chart's secrets.mongodb)."
  value       = aws_secretsmanager_secret.connection.arn
}

output "security_group_id" {
  description = "Security group of the cluster."
  value       = aws_security_group.this.id
}
