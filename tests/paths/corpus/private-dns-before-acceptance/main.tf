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

resource "aws_security_group" "nlb" {
  name   = "service-nlb"
  vpc_id = aws_vpc.provider.id
}

resource "aws_vpc_security_group_ingress_rule" "nlb_from_consumers" {
  security_group_id = aws_security_group.nlb.id
  cidr_ipv4         = "10.1.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "nlb_to_targets" {
  security_group_id = aws_security_group.nlb.id
  cidr_ipv4         = aws_vpc.provider.cidr_block
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
}

resource "aws_lb" "service" {
  name               = "service"
  internal           = true
  load_balancer_type = "network"
  subnets            = aws_subnet.provider[*].id
  security_groups    = [aws_security_group.nlb.id]
}

resource "aws_lb_target_group" "service" {
  name        = "service"
  port        = 8443
  protocol    = "TCP"
  target_type = "ip"
  vpc_id      = aws_vpc.provider.id
}

resource "aws_lb_target_group_attachment" "service" {
  for_each         = toset(["10.0.0.10", "10.0.1.10"])
  target_group_arn = aws_lb_target_group.service.arn
  target_id        = each.value
  port             = 8443
}

resource "aws_lb_listener" "service" {
  load_balancer_arn = aws_lb.service.arn
  port              = 443
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service.arn
  }
}

resource "aws_vpc_endpoint_service" "service" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.service.arn]
  private_dns_name           = "api.example.com"
}

resource "aws_vpc_endpoint_connection_accepter" "consumer" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.service.id
  vpc_endpoint_id         = aws_vpc_endpoint.service.id
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
  service_name       = aws_vpc_endpoint_service.service.service_name
  vpc_endpoint_type  = "Interface"
  subnet_ids         = aws_subnet.consumer[*].id
  security_group_ids = [aws_security_group.endpoint.id]

  # Private DNS at creation: the endpoint is created pendingAcceptance (the accepter above needs its ID first).
  private_dns_enabled = true
}
