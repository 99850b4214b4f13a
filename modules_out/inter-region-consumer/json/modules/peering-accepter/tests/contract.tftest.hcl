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
  name                  = "contract"
  peering_connection_id = "pcx-0123456789abcdef0"
  accepter = {
    route_table_ids = ["rtb-0cccccccccccccccc"]
  }
  requester_cidr = "10.8.0.0/16"
}

run "the_connection_is_accepted_and_routed_back" {
  command = apply

  assert {
    condition     = aws_vpc_peering_connection_accepter.this.vpc_peering_connection_id == "pcx-0123456789abcdef0" && aws_vpc_peering_connection_accepter.this.auto_accept == true
    error_message = "the requested connection is accepted"
  }

  assert {
    condition     = length(aws_route.accepter) == 1 && aws_route.accepter[0].destination_cidr_block == "10.8.0.0/16"
    error_message = "the accepter routes back to the requester"
  }

  assert {
    condition     = aws_route.accepter[0].route_table_id == "rtb-0cccccccccccccccc"
    error_message = "from its own route tables"
  }
}
