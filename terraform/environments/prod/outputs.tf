# What the Helm chart's values need (docs/operations.md maps each output to a value).
output "region" {
  description = "AWS region (modelStore.s3.region)."
  value       = var.region
}

output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = module.eks.cluster_name
}

output "msk_bootstrap_brokers_tls" {
  description = "kafka.bootstrapServers with kafka.securityProtocol SSL."
  value       = module.msk.bootstrap_brokers_tls
}

output "msk_bootstrap_brokers_sasl_scram" {
  description = "kafka.bootstrapServers with kafka.securityProtocol SASL_SSL (the MSK cluster requires SCRAM)."
  value       = module.msk.bootstrap_brokers_sasl_scram
}

output "msk_scram_secret_arn" {
  description = "Secrets Manager ARN of the SCRAM credentials, for secrets.kafkaSasl."
  value       = module.msk.scram_secret_arn
}

output "ingestion_jdbc_url" {
  description = "postgresql.ingestion.jdbcUrl (TLS verified against the RDS CA bundle mounted at /etc/openfraud/ca)."
  value       = "jdbc:postgresql://${module.rds.address}:${module.rds.port}/ingestion?sslmode=verify-full&sslrootcert=/etc/openfraud/ca/rds-ca.pem"
}

output "retraining_jdbc_url" {
  description = "postgresql.retraining.jdbcUrl."
  value       = "jdbc:postgresql://${module.rds.address}:${module.rds.port}/retraining?sslmode=verify-full&sslrootcert=/etc/openfraud/ca/rds-ca.pem"
}

output "scoring_jdbc_url" {
  description = "postgresql.scoring.jdbcUrl (the analyst queue)."
  value       = "jdbc:postgresql://${module.rds.address}:${module.rds.port}/scoring?sslmode=verify-full&sslrootcert=/etc/openfraud/ca/rds-ca.pem"
}

output "rds_master_user_secret_arn" {
  description = "Secrets Manager ARN of the RDS master credentials (create per-service users from it)."
  value       = module.rds.master_user_secret_arn
}

output "redis_url_secret_arn" {
  description = "Secrets Manager ARN of the rediss:// URL, for secrets.redis."
  value       = module.elasticache.url_secret_arn
}

output "documentdb_connection_secret_arn" {
  description = "Secrets Manager ARN of the DocumentDB connection string, for secrets.mongodb."
  value       = module.documentdb.connection_secret_arn
}

output "models_bucket" {
  description = "modelStore.s3.bucket."
  value       = module.s3.bucket
}

output "scoring_role_arn" {
  description = "services.scoring.serviceAccount.annotations.eks.amazonaws.com/role-arn."
  value       = module.eks.irsa_role_arns["scoring"]
}

output "retraining_role_arn" {
  description = "services.retraining.serviceAccount.annotations.eks.amazonaws.com/role-arn."
  value       = module.eks.irsa_role_arns["retraining"]
}

output "image_registry" {
  description = "global.image.registry."
  value       = module.ecr.registry
}

output "private_subnet_cidrs" {
  description = "networkPolicy.storeCidrs (the stores live in these subnets)."
  value       = module.network.private_subnet_cidrs
}
