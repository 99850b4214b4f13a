resource "aws_route53_zone_association" "this" {
  for_each = var.associations

  vpc_id     = each.value.vpc_id
  vpc_region = each.value.vpc_region
  zone_id    = each.value.zone_id
}
