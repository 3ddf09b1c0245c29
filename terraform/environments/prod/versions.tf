terraform {
  # Exact versions in the root: modules accept a range, the environment pins what it was planned with.
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "= 5.94.1"
    }
    random = {
      source  = "hashicorp/random"
      version = "= 3.6.3"
    }
    tls = {
      source  = "hashicorp/tls"
      version = "= 4.0.6"
    }
  }

  # State in an encrypted, versioned bucket with locking; created once by hand (terraform/README.md).
  backend "s3" {
    key          = "openfraud/prod/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.tags
  }
}
