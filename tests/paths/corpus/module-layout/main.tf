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

resource "aws_vpc" "provider" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "provider" {
  count                = 2
  vpc_id               = aws_vpc.provider.id
  cidr_block           = cidrsubnet(aws_vpc.provider.cidr_block, 8, count.index)
  availability_zone_id = ["use1-az1", "use1-az2"][count.index]
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

module "service" {
  source               = "./modules/service"
  vpc_id               = aws_vpc.provider.id
  vpc_cidr             = aws_vpc.provider.cidr_block
  subnet_ids           = aws_subnet.provider[*].id
  consumer_cidr        = aws_vpc.consumer.cidr_block
  consumer_endpoint_id = module.consumer.endpoint_id
}

module "consumer" {
  source       = "./modules/consumer"
  vpc_id       = aws_vpc.consumer.id
  vpc_cidr     = aws_vpc.consumer.cidr_block
  subnet_ids   = aws_subnet.consumer[*].id
  service_name = module.service.service_name
}
