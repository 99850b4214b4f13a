variable "endpoints" {
  description = "Interface endpoints of this consumer whose private DNS waits for the provider's acceptance, by `<provider>/<service>`: the endpoint ID (this consumer's `endpoints` output) and its state once accepted (the provider's `accepted` output)."
  type        = map(object({ endpoint_id = string, state = string }))
}
