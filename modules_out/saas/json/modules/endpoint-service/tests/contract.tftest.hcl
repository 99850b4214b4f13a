mock_provider "aws" {
  mock_resource "aws_lb" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/contract/0123456789abcdef"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/contract/0123456789abcdef"
    }
  }
  mock_resource "aws_vpc" {
    defaults = {
      id = "vpc-0123456789abcdef0"
    }
  }
  mock_resource "aws_route_table" {
    defaults = {
      id = "rtb-0123456789abcdef0"
    }
  }
  mock_resource "aws_security_group" {
    defaults = {
      id = "sg-0fedcba9876543210"
    }
  }
  mock_resource "aws_vpc_endpoint" {
    defaults = {
      id = "vpce-0123456789abcdef0"
      dns_entry = [
        {
          dns_name       = "vpce-0123456789abcdef0-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"
          hosted_zone_id = "Z7HUB22UULQXV"
        },
      ]
    }
  }
  mock_resource "aws_vpc_endpoint_service" {
    defaults = {
      id = "vpce-svc-0123456789abcdef0"
    }
  }
  mock_resource "aws_vpn_gateway" {
    defaults = {
      id = "vgw-0123456789abcdef0"
    }
  }
  mock_resource "aws_vpc_peering_connection" {
    defaults = {
      id = "pcx-0123456789abcdef0"
    }
  }
  mock_resource "aws_route53_zone" {
    defaults = {
      zone_id = "Z0123456789ABCDEFGHIJ"
    }
  }
  mock_resource "aws_vpclattice_resource_gateway" {
    defaults = {
      id = "rgw-0123456789abcdef0"
    }
  }
  mock_resource "aws_vpclattice_resource_configuration" {
    defaults = {
      id  = "rcfg-0123456789abcdef0"
      arn = "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0"
    }
  }
  mock_resource "aws_vpclattice_service_network" {
    defaults = {
      id  = "sn-0123456789abcdef0"
      arn = "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0"
    }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = {
      arn = "arn:aws:ram:us-east-1:111111111111:resource-share/01234567-89ab-cdef-0123-456789abcdef"
    }
  }
}

variables {
  name = "contract"
  vpc = {
    cidr = "10.0.0.0/16"
    subnet_cidrs = {
      use1-az1 = "10.0.0.0/24"
      use1-az2 = "10.0.1.0/24"
    }
    flow_logs = {
      destination_arn  = "arn:aws:s3:::contract-flow-logs"
      destination_type = "s3"
      traffic_type     = "REJECT"
    }
  }
  services = {
    api = {
      load_balancer_name = "contract-api"
      target_type        = "ip"
      listeners = {
        "443" = {
          port              = 443
          protocol          = "TCP"
          target_port       = 8443
          target_protocol   = "TCP"
          target_group_name = "contract-api-443-tcp8443"
        }
        "53" = {
          port              = 53
          protocol          = "UDP"
          target_port       = 53
          target_protocol   = "UDP"
          target_group_name = "contract-api-53-udp53"
        }
      }
      targets = {
        "10.0.0.10" = {
          target_id = "10.0.0.10"
        }
        "10.0.1.10" = {
          target_id = "10.0.1.10"
        }
      }
      allowed_principals = ["arn:aws:iam::222222222222:root"]
      supported_regions  = ["us-east-1"]
      target_ports = [
        {
          port        = 53
          ip_protocol = "tcp"
        },
        {
          port        = 53
          ip_protocol = "udp"
        },
        {
          port        = 8443
          ip_protocol = "tcp"
        },
      ]
      health_check = {
        protocol            = "TCP"
        port                = "traffic-port"
        interval            = 30
        healthy_threshold   = 3
        unhealthy_threshold = 3
      }
      access_logs = {
        bucket = "contract-nlb-logs"
        prefix = "api"
      }
    }
  }
}

run "nlb_is_internal_and_the_service_requires_acceptance" {
  command = apply

  assert {
    condition     = aws_lb.this["api"].internal == true && aws_lb.this["api"].load_balancer_type == "network"
    error_message = "the NLB must be internal"
  }

  assert {
    condition     = aws_vpc_endpoint_service.this["api"].acceptance_required == true
    error_message = "acceptance is required unless the blueprint turns it off"
  }

  assert {
    condition     = aws_vpc_endpoint_service.this["api"].allowed_principals == toset(["arn:aws:iam::222222222222:root"])
    error_message = "only the named principals"
  }

  assert {
    condition     = contains(tolist(aws_vpc_endpoint_service.this["api"].supported_regions), "us-east-1")
    error_message = "supported_regions holds the service's own Region"
  }
}

run "a_target_group_per_listener_on_the_target_port" {
  command = apply

  assert {
    condition     = toset(keys(aws_lb_target_group.this)) == toset(["api/443", "api/53"])
    error_message = "one target group per listener"
  }

  assert {
    condition     = aws_lb_target_group.this["api/443"].port == 8443 && aws_lb_target_group.this["api/443"].protocol == "TCP"
    error_message = "TLS/TCP 443 forwards to TCP 8443"
  }

  assert {
    condition     = aws_lb_listener.this["api/53"].port == 53 && aws_lb_listener.this["api/53"].protocol == "UDP"
    error_message = "the UDP listener keeps its protocol"
  }

  assert {
    condition     = toset(keys(aws_lb_target_group_attachment.this)) == toset(["api/443/10.0.0.10", "api/443/10.0.1.10", "api/53/10.0.0.10", "api/53/10.0.1.10"])
    error_message = "every target behind every listener"
  }
}

run "the_targets_group_admits_only_the_nlb_group_on_the_target_ports" {
  command = apply

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.targets)) == toset(["api/tcp/53", "api/tcp/8443", "api/udp/53"])
    error_message = "one rule per target port, nothing else"
  }

  assert {
    condition     = alltrue([for rule in aws_vpc_security_group_ingress_rule.targets : rule.referenced_security_group_id == aws_security_group.nlb["api"].id && rule.cidr_ipv4 == null])
    error_message = "the group admits the NLB's group only"
  }
}

run "the_nlb_has_its_own_group_that_lets_out_only_to_the_targets" {
  command = apply

  assert {
    condition     = contains(tolist(aws_lb.this["api"].security_groups), aws_security_group.nlb["api"].id)
    error_message = "the NLB is created with its own group"
  }

  assert {
    condition     = aws_lb.this["api"].enforce_security_group_inbound_rules_on_private_link_traffic == "off"
    error_message = "PrivateLink enforcement is off unless the blueprint turns it on"
  }

  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.nlb) == 0
    error_message = "with enforcement off the NLB's group admits nothing"
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_egress_rule.nlb_targets)) == toset(["api/tcp/53", "api/tcp/8443", "api/udp/53"])
    error_message = "out to the targets' group on each target port"
  }

  assert {
    condition     = alltrue([for rule in aws_vpc_security_group_egress_rule.nlb_targets : rule.referenced_security_group_id == aws_security_group.targets["api"].id])
    error_message = "only to the targets' group"
  }
}

run "logs_go_where_the_blueprint_names" {
  command = apply

  assert {
    condition     = length(aws_flow_log.this) == 1
    error_message = "the created VPC has the named flow log"
  }

  assert {
    condition     = aws_flow_log.this[0].log_destination == "arn:aws:s3:::contract-flow-logs" && aws_flow_log.this[0].traffic_type == "REJECT"
    error_message = "to the named bucket, the named traffic"
  }

  assert {
    condition     = aws_flow_log.this[0].iam_role_arn == null
    error_message = "an S3 flow log takes no role"
  }

  assert {
    condition     = aws_lb.this["api"].access_logs[0].enabled == true && aws_lb.this["api"].access_logs[0].bucket == "contract-nlb-logs"
    error_message = "access logs on, to the named bucket"
  }

  assert {
    condition     = aws_lb.this["api"].access_logs[0].prefix == "api"
    error_message = "under the named prefix"
  }
}
