module "provider_us_east_1" {
  source = "../../modules/endpoint-service"

  for_each = {
    for name, side in var.service_providers : name => side
    if side.region == "us-east-1"
  }

  name     = each.key
  services = each.value.services
  tags     = var.tags
  vpc      = each.value.vpc
}
