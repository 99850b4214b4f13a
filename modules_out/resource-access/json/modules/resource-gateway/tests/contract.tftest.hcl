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
  }
  resource_gateway = {
    name = "contract"
    azs  = ["use1-az1", "use1-az2"]
    egress = {
      "10.0.0.50/32/5432-5432" = {
        cidr      = "10.0.0.50/32"
        from_port = 5432
        to_port   = 5432
      }
      "10.0.0.0/16/443-443" = {
        cidr      = "10.0.0.0/16"
        from_port = 443
        to_port   = 443
      }
    }
  }
  resources = {
    db = {
      name               = "contract-db"
      ip_address         = "10.0.0.50"
      port_ranges        = ["5432"]
      share_with         = ["222222222222", "333333333333"]
      in_service_network = true
    }
    api = {
      name        = "contract-api"
      domain_name = "api.corp.example.com"
      port_ranges = ["443", "8443-8444"]
    }
  }
  on_premises = {
    cidrs = ["192.168.0.0/24"]
  }
  service_network = {
    name       = "contract-net"
    share_with = ["444444444444"]
  }
}

run "a_gateway_in_every_az_open_outbound_only_to_the_resources" {
  command = apply

  assert {
    condition     = length(aws_vpclattice_resource_gateway.this.subnet_ids) == 2
    error_message = "an interface in each AZ's subnet"
  }

  assert {
    condition     = toset(keys(aws_vpc_security_group_egress_rule.gateway)) == toset(["10.0.0.0/16/443-443", "10.0.0.50/32/5432-5432"])
    error_message = "outbound to the resources on their ports, nothing else"
  }

  assert {
    condition     = alltrue([for rule in aws_vpc_security_group_egress_rule.gateway : rule.cidr_ipv4 != "0.0.0.0/0"])
    error_message = "never the internet"
  }
}

run "a_resource_configuration_per_resource_of_its_kind" {
  command = apply

  assert {
    condition     = aws_vpclattice_resource_configuration.this["db"].type == "SINGLE" && aws_vpclattice_resource_configuration.this["db"].protocol == "TCP"
    error_message = "an IP resource is SINGLE, TCP"
  }

  assert {
    condition     = aws_vpclattice_resource_configuration.this["db"].resource_configuration_definition[0].ip_resource[0].ip_address == "10.0.0.50"
    error_message = "the IP it names"
  }

  assert {
    condition     = aws_vpclattice_resource_configuration.this["api"].resource_configuration_definition[0].dns_resource[0].domain_name == "api.corp.example.com"
    error_message = "the name it names"
  }

  assert {
    condition     = aws_vpclattice_resource_configuration.this["api"].port_ranges == toset(["443", "8443-8444"])
    error_message = "its port ranges"
  }
}

run "shared_through_ram_with_exactly_the_named_accounts" {
  command = apply

  assert {
    condition     = toset(keys(aws_ram_resource_share.resource)) == toset(["db"])
    error_message = "a share only for a resource shared with someone"
  }

  assert {
    condition     = toset(keys(aws_ram_principal_association.resource)) == toset(["db/222222222222", "db/333333333333"])
    error_message = "exactly the named accounts"
  }

  assert {
    condition     = aws_ram_resource_share.resource["db"].allow_external_principals == false
    error_message = "inside the organization unless the blueprint says otherwise"
  }
}

run "the_service_network_holds_its_resources_and_is_shared" {
  command = apply

  assert {
    condition     = toset(keys(aws_vpclattice_service_network_resource_association.this)) == toset(["db"])
    error_message = "only the resources named for the network"
  }

  assert {
    condition     = toset(keys(aws_ram_principal_association.network)) == toset(["444444444444"])
    error_message = "shared with the named accounts"
  }
}
