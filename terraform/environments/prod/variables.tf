variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-west-1"
}

variable "environment" {
  description = "Environment name, part of every resource name (openfraud-<environment>)."
  type        = string
  default     = "prod"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "kubernetes_version" {
  description = "Kubernetes version of the EKS control plane."
  type        = string
  default     = "1.31"
}

variable "eks_public_access_cidrs" {
  description = "CIDR blocks allowed to reach the EKS API publicly (operators, CI); empty keeps it private."
  type        = list(string)
  default     = []
}

variable "node_groups" {
  description = "EKS managed node groups (see modules/eks)."
  type = map(object({
    instance_types = list(string)
    capacity_type  = string
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gb   = number
    labels         = map(string)
  }))
  default = {
    platform = {
      instance_types = ["m7i.xlarge", "m6i.xlarge"]
      capacity_type  = "ON_DEMAND"
      min_size       = 3
      max_size       = 12
      desired_size   = 3
      disk_size_gb   = 100
      labels         = { "openfraud.io/pool" = "platform" }
    }
  }
}

variable "models_bucket_name" {
  description = "Name of the model-artifact bucket (globally unique, e.g. openfraud-prod-models-<account id>)."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace the chart is installed in (IRSA trusts its service accounts only)."
  type        = string
  default     = "openfraud"
}

variable "release_name" {
  description = "Helm release name; service accounts are <release>-<service> (with release name openfraud)."
  type        = string
  default     = "openfraud"
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
