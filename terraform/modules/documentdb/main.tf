# Amazon DocumentDB (governance-service's audit trail, requests and consents): storage encrypted with a customer key,
# TLS required by the cluster parameter group, audit logs exported, the master password generated into a
# KMS-encrypted Secrets Manager secret together with the connection string the chart's secrets.mongodb expects.
resource "aws_security_group" "this" {
  name        = "${var.name}-docdb"
  description = "DocumentDB of ${var.name}"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  security_group_id            = aws_security_group.this.id
  description                  = "MongoDB wire protocol over TLS from the EKS nodes and pods"
  ip_protocol                  = "tcp"
  from_port                    = 27017
  to_port                      = 27017
  referenced_security_group_id = var.client_security_group_id
}

resource "aws_docdb_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.private_subnet_ids
  tags       = var.tags
}

resource "aws_docdb_cluster_parameter_group" "this" {
  name   = "${var.name}-docdb5"
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "enabled"
  }

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }

  tags = var.tags
}

resource "random_password" "master" {
  length  = 40
  special = false
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier              = var.name
  engine                          = "docdb"
  engine_version                  = var.engine_version
  master_username                 = "openfraud"
  master_password                 = random_password.master.result
  db_subnet_group_name            = aws_docdb_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.this.name
  storage_encrypted               = true
  kms_key_id                      = var.kms_key_arn
  backup_retention_period         = var.backup_retention_days
  preferred_backup_window         = "02:00-03:00"
  deletion_protection             = var.deletion_protection
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.name}-final"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
  tags                            = var.tags
}

resource "aws_docdb_cluster_instance" "this" {
  count = var.instance_count

  identifier         = "${var.name}-${count.index}"
  cluster_identifier = aws_docdb_cluster.this.id
  instance_class     = var.instance_class
  tags               = var.tags
}

resource "aws_secretsmanager_secret" "connection" {
  name                    = "${var.name}/mongodb-connection-string"
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = 7
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "connection" {
  secret_id     = aws_secretsmanager_secret.connection.id
  secret_string = "mongodb://openfraud:${random_password.master.result}@${aws_docdb_cluster.this.endpoint}:27017/?tls=true&tlsCAFile=/etc/openfraud/ca/rds-ca.pem&replicaSet=rs0&readPreference=secondaryPreferred&retryWrites=false"
}
