"""The consumer's second step: private DNS switched on once the provider has accepted the endpoint.

An endpoint to a service of another account that requires acceptance stays
``pendingAcceptance`` until the provider's ``modules/endpoint-acceptance``
accepts it. Private DNS is not switched on while it is pending: users report
that EC2 refuses it then (crossplane-contrib/provider-aws#1363, "VPCEndpoint
can't enable private dns before it is accepted",
https://github.com/crossplane-contrib/provider-aws/issues/1363), and the AWS
provider added ``aws_vpc_endpoint_private_dns`` (5.52, inside plgen's
``>= 5.100`` range) so that private DNS is enabled after the connection
accepter (hashicorp/terraform-provider-aws PR #37628, whose example is endpoint
-> ``aws_vpc_endpoint_connection_accepter`` -> ``aws_vpc_endpoint_private_dns``,
https://github.com/hashicorp/terraform-provider-aws/pull/37628). The API
reference documents no such refusal in words (``PrivateDnsEnabled`` of
CreateVpcEndpoint / ModifyVpcEndpoint,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpoint.html),
so plgen follows the reported behaviour and the provider's documented order.

So such an endpoint is created with private DNS off (``modules/consumer``),
and this module, applied by the consumer after the provider's acceptance
(its input reads the acceptance's ``accepted`` output), switches it on.
Endpoints that need no acceptance, or accept themselves (``auto_accept`` in
the service's own account), keep private DNS at creation.
"""

from __future__ import annotations

from plgen.interfaces.base import Attr, Input, Interface, MapOf, Obj

MODULE = "modules/consumer-private-dns"

ENDPOINTS = Input(
    "endpoints",
    MapOf(Obj(Attr("endpoint_id", "string"), Attr("state", "string"))),
    "Interface endpoints of this consumer whose private DNS waits for the provider's acceptance, by `<provider>/<service>`: "
    "the endpoint ID (this consumer's `endpoints` output) and its state once accepted (the provider's `accepted` output).",
    # This consumer's own endpoints, looked up by key: linear in consumers (filtering every consumer's connections
    # for each consumer, as the acceptance does per provider, would be quadratic in the example root).
    wiring=(
        "{ for key, endpoint in each.value.endpoints : key => { endpoint_id = local.consumer_endpoints[each.key][key].id, "
        "state = try(local.accepted_connections[endpoint.provider][\"${each.key}/${key}\"], \"pendingAcceptance\") } "
        "if endpoint.accept && endpoint.private_dns_after_acceptance }"
    ),
)

CONSUMER_PRIVATE_DNS = Interface(
    MODULE,
    "The consumer team's second step, in its own account, after the provider has accepted its endpoints: switches on "
    "private DNS on the endpoints to services of other accounts that require acceptance (created with it off, because "
    "a `pendingAcceptance` endpoint does not take private DNS).",
    (ENDPOINTS,),
)
