locals {
  consumer_endpoints = merge({
    for name, side in module.consumer_eu_west_1 : name => side.endpoints
  })
  endpoint_connections = merge([
    for name, consumer in var.service_consumers : {
      for key, endpoint in consumer.endpoints : "${name}/${key}" => {
        provider    = endpoint.provider
        service     = endpoint.service
        endpoint_id = local.consumer_endpoints[name][key].id
      }
      if endpoint.accept
    }
  ]...)
  endpoint_services = merge({
    for name, side in module.provider_eu_west_1 : name => side.endpoint_services
  })
  peer_vpcs = merge(
    {
      for key, peer in var.peers : key => {
        vpc_id             = peer.vpc.id
        route_table_ids    = peer.vpc.route_table_ids
        security_group_ids = { for id in peer.security_group_ids : id => id }
      }
      if peer.vpc.id != null
    },
    {
      for key, net in module.peer_network_us_east_1 : key => {
        vpc_id             = net.vpc_id
        route_table_ids    = net.route_table_ids
        security_group_ids = { workloads = net.security_group_id }
      }
    },
  )
}

module "acceptance_eu_west_1" {
  source = "./modules/endpoint-acceptance"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "eu-west-1"
  }

  connections = {
    for key, c in local.endpoint_connections : key => {
      service_id  = local.endpoint_services[c.provider][c.service].id
      endpoint_id = c.endpoint_id
    }
    if c.provider == each.key
  }
}

module "consumer_eu_west_1" {
  source = "./modules/consumer"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "eu-west-1"
  }

  endpoints = {
    for key, endpoint in each.value.endpoints : key => merge(endpoint, {
      service_name = local.endpoint_services[endpoint.provider][endpoint.service].service_name
    })
  }
  name = each.key
  tags = var.tags
  vpc  = each.value.vpc
}

module "peer_network_us_east_1" {
  source = "./modules/peer-network"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.vpc.id == null
  }
  providers = {
    aws = aws.us_east_1
  }

  name = each.value.name
  tags = var.tags
  vpc  = each.value.vpc
}

module "peering_accepter_us_east_1_to_eu_west_1" {
  source = "./modules/peering-accepter"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.side_region == "eu-west-1"
  }

  accepter              = { route_table_ids = module.provider_eu_west_1[each.value.side].route_table_ids }
  name                  = replace(each.key, "/", "-")
  peering_connection_id = module.peering_us_east_1_to_eu_west_1[each.key].peering_connection_id
  requester_cidr        = each.value.cidr
  tags                  = var.tags
}

module "peering_routes_us_east_1_to_eu_west_1" {
  source = "./modules/peering-routes"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.side_region == "eu-west-1"
  }
  providers = {
    aws = aws.us_east_1
  }

  accepter_cidr         = each.value.side_cidr
  peering_connection_id = module.peering_accepter_us_east_1_to_eu_west_1[each.key].peering_connection_id
  requester             = { route_table_ids = local.peer_vpcs[each.key].route_table_ids }
}

module "peering_us_east_1_to_eu_west_1" {
  source = "./modules/peering"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "us-east-1" && peer.side_region == "eu-west-1"
  }
  providers = {
    aws = aws.us_east_1
  }

  accepter = {
    vpc_id     = module.provider_eu_west_1[each.value.side].vpc_id
    region     = each.value.side_region
    account_id = each.value.side_account_id
  }
  name                         = replace(each.key, "/", "-")
  requester                    = { vpc_id = local.peer_vpcs[each.key].vpc_id }
  requester_ingress            = each.value.ingress
  requester_security_group_ids = local.peer_vpcs[each.key].security_group_ids
  tags                         = var.tags
}

module "provider_eu_west_1" {
  source = "./modules/endpoint-service"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "eu-west-1"
  }

  name     = each.key
  services = each.value.services
  tags     = var.tags
  vpc      = each.value.vpc
}
