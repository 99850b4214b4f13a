output "associations" {
  description = "Per `<endpoint>/<peer>`: the association of the friendly-name zone with this VPC."
  value       = { for key, association in aws_route53_zone_association.this : key => association.id }
}
