resource "aws_vpc_endpoint_private_dns" "this" {
  for_each = var.endpoints

  private_dns_enabled = true
  vpc_endpoint_id     = each.value.endpoint_id

  lifecycle {
    precondition {
      condition     = each.value.state == "available"
      error_message = "The provider has not accepted this endpoint yet (its state is not available): apply the provider's endpoint-acceptance unit first."
    }
  }
}
