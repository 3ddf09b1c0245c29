output "repository_urls" {
  description = "Repository URL per image."
  value       = { for name, repository in aws_ecr_repository.this : name => repository.repository_url }
}

output "registry" {
  description = "Registry and prefix for the chart's global.image.registry (<account>.dkr.ecr.<region>.amazonaws.com/<prefix>)."
  value       = "${split("/", values(aws_ecr_repository.this)[0].repository_url)[0]}/${var.prefix}"
}
