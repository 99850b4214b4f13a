terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "service_name" {
  type    = string
  default = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
}

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
  name   = "service-endpoint"
  vpc_id = aws_vpc.consumer.id
}

resource "aws_vpc_security_group_ingress_rule" "endpoint_https" {
  security_group_id = aws_security_group.endpoint.id
  cidr_ipv4         = aws_vpc.consumer.cidr_block
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_endpoint" "service" {
  vpc_id             = aws_vpc.consumer.id
  service_name       = var.service_name
  vpc_endpoint_type  = "Interface"
  subnet_ids         = aws_subnet.consumer[*].id
  security_group_ids = [aws_security_group.endpoint.id]
}
