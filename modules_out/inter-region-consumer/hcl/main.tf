locals {
  consumer_endpoints = merge({
    for name, side in module.consumer_us_east_1 : name => side.endpoints
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
    for name, side in module.provider_us_east_1 : name => side.endpoint_services
  })
  peer_vpcs = merge(
    {
      for key, peer in var.peers : key => {
        vpc_id          = peer.vpc.id
        route_table_ids = peer.vpc.route_table_ids
      }
      if peer.vpc.id != null
    },
    {
      for key, net in module.peer_network_eu_central_1 : key => {
        vpc_id          = net.vpc_id
        route_table_ids = net.route_table_ids
      }
    },
  )
  zone_authorizations = merge(merge([
    for name, side in module.consumer_us_east_1 : {
      for key, a in side.zone_authorizations : "${name}/${key}" => merge(a, { side = name })
    }
  ]...))
}

module "acceptance_us_east_1" {
  source = "./modules/endpoint-acceptance"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "us-east-1"
  }

  connections = {
    for key, c in local.endpoint_connections : key => {
      service_id  = local.endpoint_services[c.provider][c.service].id
      endpoint_id = c.endpoint_id
    }
    if c.provider == each.key
  }
}

module "consumer_us_east_1" {
  source = "./modules/consumer"

  for_each = {
    for name, side in var.service_consumers : name => side
    if side.region == "us-east-1"
  }

  endpoints = {
    for key, endpoint in each.value.endpoints : key => merge(endpoint, {
      service_name = local.endpoint_services[endpoint.provider][endpoint.service].service_name
    })
  }
  name       = each.key
  peer_cidrs = each.value.peer_cidrs
  peer_vpcs = {
    for key, peer in var.peers : peer.name => {
      vpc_id        = local.peer_vpcs[key].vpc_id
      region        = peer.region
      cross_account = peer.account_id != peer.side_account_id
    }
    if peer.side == each.key
  }
  tags = var.tags
  vpc  = each.value.vpc
}

module "peer_network_eu_central_1" {
  source = "./modules/peer-network"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.vpc.id == null
  }
  providers = {
    aws = aws.eu_central_1
  }

  name = each.value.name
  tags = var.tags
  vpc  = each.value.vpc
}

module "peering_accepter_eu_central_1_to_us_east_1" {
  source = "./modules/peering-accepter"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.side_region == "us-east-1"
  }

  accepter              = { route_table_ids = module.consumer_us_east_1[each.value.side].route_table_ids }
  name                  = replace(each.key, "/", "-")
  peering_connection_id = module.peering_eu_central_1_to_us_east_1[each.key].peering_connection_id
  requester_cidr        = each.value.cidr
  tags                  = var.tags
}

module "peering_eu_central_1_to_us_east_1" {
  source = "./modules/peering"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.side_region == "us-east-1"
  }
  providers = {
    aws = aws.eu_central_1
  }

  accepter = {
    vpc_id     = module.consumer_us_east_1[each.value.side].vpc_id
    region     = each.value.side_region
    account_id = each.value.side_account_id
  }
  name      = replace(each.key, "/", "-")
  requester = { vpc_id = local.peer_vpcs[each.key].vpc_id }
  tags      = var.tags
}

module "peering_routes_eu_central_1_to_us_east_1" {
  source = "./modules/peering-routes"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.side_region == "us-east-1"
  }
  providers = {
    aws = aws.eu_central_1
  }

  accepter_cidr         = each.value.side_cidr
  peering_connection_id = module.peering_accepter_eu_central_1_to_us_east_1[each.key].peering_connection_id
  requester             = { route_table_ids = local.peer_vpcs[each.key].route_table_ids }
}

module "provider_us_east_1" {
  source = "./modules/endpoint-service"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "us-east-1"
  }

  name     = each.key
  services = each.value.services
  tags     = var.tags
  vpc      = each.value.vpc
}

module "zone_association_eu_central_1" {
  source = "./modules/zone-association"

  for_each = {
    for key, peer in var.peers : key => peer
    if peer.region == "eu-central-1" && peer.account_id != peer.side_account_id
  }
  providers = {
    aws = aws.eu_central_1
  }

  associations = {
    for key, a in local.zone_authorizations : key => {
      zone_id    = a.zone_id
      vpc_id     = a.vpc_id
      vpc_region = a.vpc_region
    }
    if a.side == each.value.side && a.peer == each.value.name
  }
}
