output "bootstrap_brokers_tls" {
  description = "TLS bootstrap brokers (port 9094), for kafka.bootstrapServers with securityProtocol SSL."
  value       = aws_msk_cluster.this.bootstrap_brokers_tls
}

output "bootstrap_brokers_sasl_scram" {
  description = "SASL/SCRAM over TLS bootstrap brokers (port 9096), for kafka.bootstrapServers with SASL_SSL."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "scram_secret_arn" {
  description = "Secrets Manager ARN of the SCRAM user name and password (the chart's secrets.kafkaSasl)."
  value       = aws_secretsmanager_secret.scram.arn
}

output "security_group_id" {
  description = "Security group of the brokers."
  value       = aws_security_group.this.id
}
