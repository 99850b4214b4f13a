
resource "aws_security_group" "nlb" {
  name   = "service-nlb"
  vpc_id = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "nlb_from_consumers" {
  security_group_id = aws_security_group.nlb.id
  cidr_ipv4         = var.consumer_cidr
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "nlb_to_targets" {
  security_group_id = aws_security_group.nlb.id
  cidr_ipv4         = var.vpc_cidr
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
}

resource "aws_lb" "service" {
  name               = "service"
  internal           = true
  load_balancer_type = "network"
  subnets            = var.subnet_ids
  security_groups    = [aws_security_group.nlb.id]
}

resource "aws_lb_target_group" "service" {
  name        = "service"
  port        = 8443
  protocol    = "TCP"
  target_type = "ip"
  vpc_id      = var.vpc_id
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
}

resource "aws_vpc_endpoint_connection_accepter" "consumer" {
  vpc_endpoint_service_id = aws_vpc_endpoint_service.service.id
  vpc_endpoint_id         = var.consumer_endpoint_id
}

variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "consumer_cidr" {
  type = string
}

variable "consumer_endpoint_id" {
  type = string
}

output "service_name" {
  value = aws_vpc_endpoint_service.service.service_name
}
