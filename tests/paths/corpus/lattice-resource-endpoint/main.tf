terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.80"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

# The provider's VPC: a database at 10.0.1.20, reached through a resource gateway.
resource "aws_vpc" "provider" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "provider" {
  count                = 2
  vpc_id               = aws_vpc.provider.id
  cidr_block           = cidrsubnet(aws_vpc.provider.cidr_block, 8, count.index)
  availability_zone_id = ["use1-az1", "use1-az2"][count.index]
}

resource "aws_security_group" "gateway" {
  name   = "resource-gateway"
  vpc_id = aws_vpc.provider.id
}

resource "aws_vpc_security_group_egress_rule" "gateway_to_database" {
  security_group_id = aws_security_group.gateway.id
  cidr_ipv4         = aws_vpc.provider.cidr_block
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
}

resource "aws_vpclattice_resource_gateway" "this" {
  name               = "database"
  vpc_id             = aws_vpc.provider.id
  subnet_ids         = aws_subnet.provider[*].id
  security_group_ids = [aws_security_group.gateway.id]
}

resource "aws_vpclattice_resource_configuration" "database" {
  name                        = "database"
  resource_gateway_identifier = aws_vpclattice_resource_gateway.this.id
  type                        = "SINGLE"
  port_ranges                 = ["5432"]
  protocol                    = "TCP"

  resource_configuration_definition {
    ip_resource {
      ip_address = "10.0.1.20"
    }
  }
}

# The consumer's VPC (another VPC: Lattice creates no resource endpoint in the gateway's own VPC).
resource "aws_vpc" "consumer" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "consumer" {
  count                = 2
  vpc_id               = aws_vpc.consumer.id
  cidr_block           = cidrsubnet(aws_vpc.consumer.cidr_block, 8, count.index)
  availability_zone_id = ["use1-az1", "use1-az2"][count.index]
}

resource "aws_security_group" "endpoint" {
  name   = "database-endpoint"
  vpc_id = aws_vpc.consumer.id
}

resource "aws_vpc_security_group_ingress_rule" "endpoint_postgres" {
  security_group_id = aws_security_group.endpoint.id
  cidr_ipv4         = aws_vpc.consumer.cidr_block
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
}

resource "aws_vpc_endpoint" "database" {
  vpc_id                     = aws_vpc.consumer.id
  vpc_endpoint_type          = "Resource"
  resource_configuration_arn = aws_vpclattice_resource_configuration.database.arn
  subnet_ids                 = aws_subnet.consumer[*].id
  security_group_ids         = [aws_security_group.endpoint.id]
}
