output "private_dns" {
  description = "Per `<provider>/<service>`: whether private DNS is now enabled on the endpoint (true once applied)."
  value       = { for key, dns in aws_vpc_endpoint_private_dns.this : key => dns.private_dns_enabled }
}
