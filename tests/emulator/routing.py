"""Route propagation from a virtual private gateway, as AWS reports it.

moto 5.2.5 answers 500 to ``EnableVgwRoutePropagation`` and never lists a
route table's ``PropagatingVgws``, so the provider's
``aws_vpn_gateway_route_propagation`` waits for a propagation that never shows,
and nothing can tell whether an on-premises CIDR will be learnt. This mixin keeps
the propagating gateways on moto's own ``RouteTable`` object (the serializer reads
its ``propagating_vgws`` attribute for ``PropagatingVgws``).

What is imitated, with its source:

* ``EnableVgwRoutePropagation`` (``RouteTableId``, ``GatewayId``): the gateway is
  listed in the table's ``PropagatingVgws``; unknown table
  ``InvalidRouteTableID.NotFound``, unknown gateway ``InvalidVpnGatewayID.NotFound``;
  the gateway must be attached to the table's VPC (AWS propagates only from an
  attached gateway), otherwise ``Gateway.NotAttached`` (emulator's choice of code).
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableVgwRoutePropagation.html
* ``DisableVgwRoutePropagation``: the gateway leaves ``PropagatingVgws``.
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisableVgwRoutePropagation.html
* ``DescribeRouteTables`` lists ``PropagatingVgws`` (``[{"GatewayId": ...}]``).
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_PropagatingVgw.html

Not imitated: the routes learnt over BGP once a Direct Connect virtual interface
or VPN is up (there is none in the emulator), so ``Routes`` shows no propagated
route; a proof reads ``PropagatingVgws`` instead.
"""

from __future__ import annotations

from moto.core.responses import EmptyResult
from moto.ec2.exceptions import EC2ClientError, InvalidRouteTableIdError


class RoutingResponse:
    """EC2 actions for route propagation; ``self`` is moto's EC2 response for one request."""

    def enable_vgw_route_propagation(self) -> EmptyResult:
        table, gateway_id = self._propagation_args()
        gateway = self.ec2_backend.vpn_gateways.get(gateway_id)
        if gateway is None:
            raise EC2ClientError("InvalidVpnGatewayID.NotFound", f"The vpnGateway ID '{gateway_id}' does not exist")
        attached = {a.vpc_id for a in gateway.attachments.values() if a.state == "attached"}
        if table.vpc_id not in attached:
            raise EC2ClientError("Gateway.NotAttached", f"resource {gateway_id} is not attached to network {table.vpc_id}")
        propagating = table.__dict__.setdefault("propagating_vgws", [])
        if all(p["GatewayId"] != gateway_id for p in propagating):
            propagating.append({"GatewayId": gateway_id})
        return EmptyResult()

    def disable_vgw_route_propagation(self) -> EmptyResult:
        table, gateway_id = self._propagation_args()
        table.__dict__["propagating_vgws"] = [p for p in table.__dict__.get("propagating_vgws", []) if p["GatewayId"] != gateway_id]
        return EmptyResult()

    def _propagation_args(self):
        table_id, gateway_id = self._get_param("RouteTableId"), self._get_param("GatewayId")
        table = self.ec2_backend.route_tables.get(table_id)
        if table is None:
            raise InvalidRouteTableIdError(table_id)
        return table, gateway_id
