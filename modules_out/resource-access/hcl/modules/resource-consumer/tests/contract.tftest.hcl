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
  resource_endpoints = {
    "prov/db" = {
      resource_configuration_arn = "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0"
      share_arn                  = "arn:aws:ram:us-east-1:111111111111:resource-share/01234567-89ab-cdef-0123-456789abcdef"
      accept                     = true
      ports = [
        {
          from_port = 5432
          to_port   = 5432
        },
        {
          from_port = 8000
          to_port   = 8100
        },
      ]
      allowed_cidrs              = ["10.1.0.0/24", "10.1.1.0/24"]
      allowed_security_group_ids = ["sg-0123456789abcdef0"]
    }
  }
  service_network_endpoint = {
    service_network_arn = "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0"
    share_arn           = "arn:aws:ram:us-east-1:111111111111:resource-share/01234567-89ab-cdef-0123-456789abcdef"
    ports = [
      {
        from_port = 5432
        to_port   = 5432
      },
    ]
    allowed_cidrs = ["10.1.0.0/24"]
  }
}

run "the_endpoint_group_admits_exactly_the_named_sources_on_the_resource_ports" {
  command = apply

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.resource_cidr)) == toset(["prov/db/10.1.0.0/24/5432-5432", "prov/db/10.1.0.0/24/8000-8100", "prov/db/10.1.1.0/24/5432-5432", "prov/db/10.1.1.0/24/8000-8100"])
    error_message = "every source on every port span, nothing else"
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.resource_security_group)) == toset(["prov/db/sg-0123456789abcdef0/5432-5432", "prov/db/sg-0123456789abcdef0/8000-8100"])
    error_message = "every named group on every port span"
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.resource_cidr["prov/db/10.1.0.0/24/8000-8100"].to_port == 8100
    error_message = "a range stays a range"
  }
}

run "a_resource_endpoint_after_the_share_is_accepted" {
  command = apply

  assert {
    condition     = aws_vpc_endpoint.resource["prov/db"].vpc_endpoint_type == "Resource"
    error_message = "a resource endpoint"
  }

  assert {
    condition     = aws_vpc_endpoint.resource["prov/db"].resource_configuration_arn == "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0"
    error_message = "for the configuration it was given"
  }

  assert {
    condition     = length(aws_vpc_endpoint.resource["prov/db"].subnet_ids) == 2
    error_message = "one subnet per AZ"
  }

  assert {
    condition     = toset(keys(aws_ram_resource_share_accepter.resource)) == toset(["prov/db"])
    error_message = "the invitation is accepted"
  }
}

run "one_service_network_endpoint" {
  command = apply

  assert {
    condition     = aws_vpc_endpoint.network["service-network"].vpc_endpoint_type == "ServiceNetwork"
    error_message = "a service-network endpoint"
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.network_cidr)) == toset(["service-network/10.1.0.0/24/5432-5432"])
    error_message = "its named sources only"
  }
}
