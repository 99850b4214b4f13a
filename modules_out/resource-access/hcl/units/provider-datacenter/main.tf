module "resource_provider_us_east_1" {
  source = "../../modules/resource-gateway"

  for_each = {
    for name, side in var.resource_providers : name => side
    if side.region == "us-east-1"
  }

  allow_external_principals = each.value.allow_external_principals
  name                      = each.key
  on_premises               = each.value.on_premises
  resource_gateway          = each.value.resource_gateway
  resources                 = each.value.resources
  service_network           = each.value.service_network
  tags                      = var.tags
  vpc                       = each.value.vpc
}
