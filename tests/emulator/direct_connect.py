"""Direct Connect gateways and their associations with virtual private gateways, as AWS answers them.

moto 5.2.5's Direct Connect knows connections and LAGs only: no Direct Connect
gateway, so ``aws_dx_gateway_association`` cannot apply. This area adds them
beside moto's Direct Connect (state per account: a Direct Connect gateway is a
global object, reached through any Region's endpoint). What is imitated, with
its source:

* ``CreateDirectConnectGateway`` / ``DescribeDirectConnectGateways`` /
  ``DeleteDirectConnectGateway``: ``available`` at once; the Amazon-side ASN
  defaults to 64512; deleting a gateway that still has associations is a
  ``DirectConnectClientException``.
  https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGateway.html
  https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DeleteDirectConnectGateway.html
* ``CreateDirectConnectGatewayAssociation`` (``directConnectGatewayId``,
  ``gatewayId`` or ``virtualGatewayId``, ``addAllowedPrefixesToDirectConnectGateway``):
  the Direct Connect gateway must be the caller's and the virtual private gateway
  exist in the Region of the request and be attached to a VPC
  (https://docs.aws.amazon.com/directconnect/latest/UserGuide/virtualgateways.html);
  the allowed prefixes default to the VPC's CIDR and must each be the VPC CIDR or
  wider, since AWS provisions the whole VPC CIDR ("Allowed prefixes",
  https://docs.aws.amazon.com/directconnect/latest/UserGuide/multi-account-associate-vgw.html);
  one association per pair of gateways; ``associated`` at once.
  https://docs.aws.amazon.com/directconnect/latest/APIReference/API_CreateDirectConnectGatewayAssociation.html
* ``DescribeDirectConnectGatewayAssociations`` filters by ``associationId``,
  ``directConnectGatewayId``, ``associatedGatewayId`` and ``virtualGatewayId``;
  ``DeleteDirectConnectGatewayAssociation`` answers ``disassociating`` and the
  association is gone from then on (what the provider waits for).
  https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeDirectConnectGatewayAssociations.html
  https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DeleteDirectConnectGatewayAssociation.html

Not imitated: association proposals (another account's gateway: plgen refuses
that blueprint), transit gateway associations, and detaching a virtual private
gateway that is still associated.
"""

from __future__ import annotations

import ipaddress
import json
import uuid
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.directconnect.responses import DirectConnectResponse
from moto.ec2.models import ec2_backends

# account -> {"gateways": {id: gateway}, "associations": {id: association}}
STATE: dict[str, dict[str, dict[str, Any]]] = {}


def _error(message: str) -> JsonRESTError:
    return JsonRESTError("DirectConnectClientException", message)


class StrictDirectConnectResponse(DirectConnectResponse):
    """moto's Direct Connect with gateways and virtual private gateway associations."""

    @property
    def _state(self) -> dict[str, dict[str, Any]]:
        return STATE.setdefault(self.current_account, {"gateways": {}, "associations": {}})

    def _params(self) -> dict[str, Any]:
        return json.loads(self.body or "{}")

    def create_direct_connect_gateway(self) -> str:
        params = self._params()
        gateway = {
            "directConnectGatewayId": str(uuid.uuid4()),
            "directConnectGatewayName": params.get("directConnectGatewayName"),
            "amazonSideAsn": int(params.get("amazonSideAsn") or 64512),
            "ownerAccount": self.current_account,
            "directConnectGatewayState": "available",
        }
        self._state["gateways"][gateway["directConnectGatewayId"]] = gateway
        return json.dumps({"directConnectGateway": gateway})

    def describe_direct_connect_gateways(self) -> str:
        wanted = self._params().get("directConnectGatewayId")
        gateways = [g for g in self._state["gateways"].values() if wanted in (None, g["directConnectGatewayId"])]
        return json.dumps({"directConnectGateways": gateways})

    def delete_direct_connect_gateway(self) -> str:
        gateway = self._gateway(self._params().get("directConnectGatewayId"))
        if any(a["directConnectGatewayId"] == gateway["directConnectGatewayId"] for a in self._state["associations"].values()):
            raise _error(f"Direct Connect Gateway {gateway['directConnectGatewayId']} has associations; delete them first")
        del self._state["gateways"][gateway["directConnectGatewayId"]]
        return json.dumps({"directConnectGateway": {**gateway, "directConnectGatewayState": "deleted"}})

    def create_direct_connect_gateway_association(self) -> str:
        params = self._params()
        gateway = self._gateway(params.get("directConnectGatewayId"))
        vgw_id = params.get("gatewayId") or params.get("virtualGatewayId")
        vgw = ec2_backends[self.current_account][self.region].vpn_gateways.get(vgw_id)
        if vgw is None:
            raise _error(f"Virtual private gateway {vgw_id} does not exist in {self.region}")
        attached = [a.vpc_id for a in vgw.attachments.values() if a.state == "attached"]
        if not attached:
            raise _error(f"Virtual private gateway {vgw_id} is not attached to a VPC")
        vpc = ec2_backends[self.current_account][self.region].vpcs[attached[0]]
        prefixes = [p["cidr"] for p in params.get("addAllowedPrefixesToDirectConnectGateway") or []] or [vpc.cidr_block]
        own = ipaddress.ip_network(vpc.cidr_block)
        narrow = [p for p in prefixes if not own.subnet_of(ipaddress.ip_network(p))]
        if narrow:
            raise _error(f"Allowed prefixes {narrow} must be the VPC CIDR {vpc.cidr_block} or wider")
        if any(a["directConnectGatewayId"] == gateway["directConnectGatewayId"] and a["associatedGateway"]["id"] == vgw_id for a in self._state["associations"].values()):
            raise _error(f"Virtual private gateway {vgw_id} is already associated with Direct Connect Gateway {gateway['directConnectGatewayId']}")
        association = {
            "associationId": str(uuid.uuid4()),
            "associationState": "associated",
            "directConnectGatewayId": gateway["directConnectGatewayId"],
            "directConnectGatewayOwnerAccount": self.current_account,
            "associatedGateway": {"id": vgw_id, "type": "virtualPrivateGateway", "ownerAccount": self.current_account, "region": self.region},
            "allowedPrefixesToDirectConnectGateway": [{"cidr": p} for p in prefixes],
            "virtualGatewayId": vgw_id,
            "virtualGatewayRegion": self.region,
            "virtualGatewayOwnerAccount": self.current_account,
        }
        self._state["associations"][association["associationId"]] = association
        return json.dumps({"directConnectGatewayAssociation": association})

    def describe_direct_connect_gateway_associations(self) -> str:
        params = self._params()
        filters = {
            "associationId": lambda a: a["associationId"],
            "directConnectGatewayId": lambda a: a["directConnectGatewayId"],
            "associatedGatewayId": lambda a: a["associatedGateway"]["id"],
            "virtualGatewayId": lambda a: a["associatedGateway"]["id"],
        }
        found = [a for a in self._state["associations"].values() if all(params.get(k) in (None, get(a)) for k, get in filters.items())]
        return json.dumps({"directConnectGatewayAssociations": found})

    def delete_direct_connect_gateway_association(self) -> str:
        association_id = self._params().get("associationId")
        association = self._state["associations"].pop(association_id, None)
        if association is None:
            raise _error(f"Direct Connect Gateway Association {association_id} does not exist")
        return json.dumps({"directConnectGatewayAssociation": {**association, "associationState": "disassociating"}})

    def _gateway(self, gateway_id: str | None) -> dict[str, Any]:
        gateway = self._state["gateways"].get(gateway_id or "")
        if gateway is None:
            raise _error(f"Direct Connect Gateway {gateway_id} does not exist")
        return gateway


def install() -> None:
    """Route Direct Connect requests of the server about to be built to the strict class."""
    import moto.directconnect.urls

    moto.directconnect.urls.url_paths = {path: StrictDirectConnectResponse.dispatch for path in moto.directconnect.urls.url_paths}
