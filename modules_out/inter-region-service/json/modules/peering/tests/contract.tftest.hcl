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
  requester = {
    vpc_id = "vpc-0aaaaaaaaaaaaaaaa"
  }
  accepter = {
    vpc_id     = "vpc-0cccccccccccccccc"
    region     = "eu-west-1"
    account_id = "111111111111"
  }
  requester_security_group_ids = {
    fleet = "sg-0123456789abcdef0"
  }
  requester_ingress = {
    "10.0.0.0/24/tcp/8443" = {
      cidr        = "10.0.0.0/24"
      port        = 8443
      ip_protocol = "tcp"
    }
  }
}

run "the_connection_is_requested_to_the_accepters_vpc" {
  command = apply

  assert {
    condition     = aws_vpc_peering_connection.this.vpc_id == "vpc-0aaaaaaaaaaaaaaaa" && aws_vpc_peering_connection.this.peer_vpc_id == "vpc-0cccccccccccccccc"
    error_message = "requested from the requester to the accepter"
  }

  assert {
    condition     = aws_vpc_peering_connection.this.peer_region == "eu-west-1" && aws_vpc_peering_connection.this.peer_owner_id == "111111111111"
    error_message = "peered with the accepter's Region and account"
  }

  assert {
    condition     = output.peering_connection_id == aws_vpc_peering_connection.this.id
    error_message = "the accepter part reads the connection ID"
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_ingress_rule.requester)) == toset(["fleet/10.0.0.0/24/tcp/8443"])
    error_message = "the fleet admits the NLB subnets"
  }
}
