variable "connections" {
  description = "Interface endpoints of other accounts to accept, by `<consumer>/<provider>/<service>`: the endpoint service ID (this provider's `endpoint_services` output) and the endpoint ID (the consumer's `endpoints` output)."
  type        = map(object({ service_id = string, endpoint_id = string }))
}
