# Production environment: the VPC, EKS, and the stores the Helm chart points at. Thin: every resource lives in a module.
locals {
  name = "openfraud-${var.environment}"
  tags = merge(var.tags, {
    Project     = "openfraud"
    Environment = var.environment
    ManagedBy   = "terraform"
  })
}

module "kms" {
  source = "../../modules/kms"

  name   = local.name
  region = var.region
  tags   = local.tags
}

module "network" {
  source = "../../modules/network"

  name               = local.name
  region             = var.region
  cidr               = var.vpc_cidr
  az_count           = 3
  single_nat_gateway = false
  logs_kms_key_arn   = module.kms.key_arns["logs"]
  tags               = local.tags
}

module "s3" {
  source = "../../modules/s3"

  bucket_name = var.models_bucket_name
  prefix      = "models/"
  kms_key_arn = module.kms.key_arns["s3"]
  tags        = local.tags
}

module "eks" {
  source = "../../modules/eks"

  name                = local.name
  kubernetes_version  = var.kubernetes_version
  vpc_id              = module.network.vpc_id
  private_subnet_ids  = module.network.private_subnet_ids
  public_access_cidrs = var.eks_public_access_cidrs
  secrets_kms_key_arn = module.kms.key_arns["eks"]
  ebs_kms_key_arn     = module.kms.key_arns["eks"]
  logs_kms_key_arn    = module.kms.key_arns["logs"]
  node_groups         = var.node_groups
  irsa_roles = {
    scoring = {
      namespace       = var.namespace
      service_account = "${var.release_name}-scoring"
      policy_json     = module.s3.read_policy_json
    }
    retraining = {
      namespace       = var.namespace
      service_account = "${var.release_name}-retraining"
      policy_json     = module.s3.read_write_policy_json
    }
  }
  tags = local.tags
}

module "msk" {
  source = "../../modules/msk"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  private_subnet_ids       = module.network.private_subnet_ids
  client_security_group_id = module.eks.node_security_group_id
  kms_key_arn              = module.kms.key_arns["msk"]
  secrets_kms_key_arn      = module.kms.key_arns["secrets"]
  logs_kms_key_arn         = module.kms.key_arns["logs"]
  tags                     = local.tags
}

module "rds" {
  source = "../../modules/rds"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  private_subnet_ids       = module.network.private_subnet_ids
  client_security_group_id = module.eks.node_security_group_id
  kms_key_arn              = module.kms.key_arns["rds"]
  secrets_kms_key_arn      = module.kms.key_arns["secrets"]
  tags                     = local.tags
}

module "elasticache" {
  source = "../../modules/elasticache"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  private_subnet_ids       = module.network.private_subnet_ids
  client_security_group_id = module.eks.node_security_group_id
  kms_key_arn              = module.kms.key_arns["elasticache"]
  secrets_kms_key_arn      = module.kms.key_arns["secrets"]
  tags                     = local.tags
}

module "documentdb" {
  source = "../../modules/documentdb"

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  private_subnet_ids       = module.network.private_subnet_ids
  client_security_group_id = module.eks.node_security_group_id
  kms_key_arn              = module.kms.key_arns["documentdb"]
  secrets_kms_key_arn      = module.kms.key_arns["secrets"]
  tags                     = local.tags
}

module "ecr" {
  source = "../../modules/ecr"

  prefix      = "openfraud"
  kms_key_arn = module.kms.key_arns["ecr"]
  tags        = local.tags
}
