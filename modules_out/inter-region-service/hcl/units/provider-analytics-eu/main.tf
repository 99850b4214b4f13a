module "provider_eu_west_1" {
  source = "../../modules/endpoint-service"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "eu-west-1"
  }

  name     = each.key
  services = each.value.services
  tags     = var.tags
  vpc      = each.value.vpc
}
