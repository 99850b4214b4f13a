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
    cidr = "10.1.0.0/16"
    subnet_cidrs = {
      use1-az1 = "10.1.0.0/24"
      use1-az2 = "10.1.1.0/24"
    }
  }
  endpoints = {
    "prov/api" = {
      service_name = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
      ports = [
        {
          port        = 443
          ip_protocol = "tcp"
        },
        {
          port        = 53
          ip_protocol = "udp"
        },
      ]
      allowed_cidrs              = ["10.1.0.0/24", "10.1.1.0/24"]
      allowed_security_group_ids = ["sg-0123456789abcdef0"]
      dns_name                   = "api.corp.internal"
    }
  }
}

run "the_endpoint_group_admits_exactly_the_named_sources_on_the_listener_ports" {
  command = apply

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.cidr)) == toset(["prov/api/10.1.0.0/24/tcp/443", "prov/api/10.1.0.0/24/udp/53", "prov/api/10.1.1.0/24/tcp/443", "prov/api/10.1.1.0/24/udp/53"])
    error_message = "every source on every listener port, nothing else"
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.security_group)) == toset(["prov/api/sg-0123456789abcdef0/tcp/443", "prov/api/sg-0123456789abcdef0/udp/53"])
    error_message = "every named group on every listener port"
  }

  assert {
    condition     = alltrue([for rule in aws_vpc_security_group_ingress_rule.cidr : rule.cidr_ipv4 != "0.0.0.0/0"])
    error_message = "never the internet"
  }
}

run "one_interface_endpoint_with_a_network_interface_per_az" {
  command = apply

  assert {
    condition     = aws_vpc_endpoint.this["prov/api"].vpc_endpoint_type == "Interface"
    error_message = "an interface endpoint"
  }

  assert {
    condition     = length(aws_vpc_endpoint.this["prov/api"].subnet_ids) == 2
    error_message = "one subnet per AZ"
  }

  assert {
    condition     = aws_vpc_endpoint.this["prov/api"].service_name == "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
    error_message = "the service it was given"
  }
}

run "the_friendly_name_aliases_the_endpoint" {
  command = apply

  assert {
    condition     = aws_route53_record.friendly["prov/api"].name == "api.corp.internal"
    error_message = "the friendly name's record"
  }
}
