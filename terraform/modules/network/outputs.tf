output "vpc_id" {
  description = "Id of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "private_subnet_ids" {
  description = "Ids of the private subnets (workloads and stores)."
  value       = aws_subnet.private[*].id
}

output "private_subnet_cidrs" {
  description = "CIDR blocks of the private subnets (the chart's networkPolicy.storeCidrs)."
  value       = aws_subnet.private[*].cidr_block
}

output "public_subnet_ids" {
  description = "Ids of the public subnets (NAT gateways, internet-facing load balancers)."
  value       = aws_subnet.public[*].id
}

output "private_route_table_ids" {
  description = "Ids of the private route tables."
  value       = aws_route_table.private[*].id
}
