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
  peering_connection_id = "pcx-0123456789abcdef0"
  requester = {
    route_table_ids = ["rtb-0aaaaaaaaaaaaaaaa", "rtb-0bbbbbbbbbbbbbbbb"]
  }
  accepter_cidr = "10.0.0.0/16"
}

run "the_requester_routes_to_the_accepter" {
  command = apply

  assert {
    condition     = length(aws_route.requester) == 2 && alltrue([for route in aws_route.requester : route.destination_cidr_block == "10.0.0.0/16"])
    error_message = "the requester routes to the accepter"
  }

  assert {
    condition     = alltrue([for route in aws_route.requester : route.vpc_peering_connection_id == "pcx-0123456789abcdef0"])
    error_message = "over the accepted connection"
  }
}
