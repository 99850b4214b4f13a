"""The strict emulator: moto's server with one mixin per AWS area composed over moto's response classes.

moto routes every EC2 request to ``moto.ec2.urls.url_paths`` (read when the
server app is built), so ``install()`` points that route at ``StrictEC2Response``:
moto's ``EC2Response`` with the area mixins in front, and Route 53's routes at
``StrictRoute53Response`` the same way, and ELBv2 at
``StrictELBV2Response``. A mixin method either adds an action moto
lacks or overrides one and calls ``super()`` for moto's own work. VPC Lattice and RAM
go to ``lattice.py``'s response classes (resource gateways, resource
configurations, shares), and its EC2 mixin adds ``Resource`` and
``ServiceNetwork`` endpoints; Direct Connect goes to ``direct_connect.py`` (gateways
and their associations with virtual private gateways). Later areas add a file each and a mixin or route
here; ``security_groups`` patches one model property instead (rule descriptions).
"""

from __future__ import annotations

import moto.ec2.urls
import moto.elb.urls
import moto.route53.urls
from moto.ec2.responses import EC2Response

from tests.emulator import direct_connect, iam_auth, lattice, private_dns, security_groups
from tests.emulator.access_logs import AccessLogsResponse
from tests.emulator.dualstack import DualStackResponse, SubnetResponse
from tests.emulator.elbv2 import StrictELBV2Response
from tests.emulator.flow_logs import FlowLogsResponse
from tests.emulator.lattice import ResourceEndpointResponse
from tests.emulator.private_dns import PrivateDnsResponse
from tests.emulator.privatelink import PrivateLinkResponse
from tests.emulator.reachability import ReachabilityResponse
from tests.emulator.route53 import StrictRoute53Response
from tests.emulator.routing import RoutingResponse
from tests.emulator.transit_gateway import TransitGatewayResponse


class StrictEC2Response(
    DualStackResponse,
    SubnetResponse,
    ResourceEndpointResponse,
    PrivateLinkResponse,
    PrivateDnsResponse,
    ReachabilityResponse,
    RoutingResponse,
    TransitGatewayResponse,
    FlowLogsResponse,
    EC2Response,
):
    """EC2 as moto answers it, but for the areas above."""


class StrictELBV2WithLogs(AccessLogsResponse, StrictELBV2Response):
    """ELBv2 as ``elbv2.py`` answers it, and access logs only to a bucket AWS would write to (``access_logs.py``)."""


def install() -> None:
    """Route EC2, ELBv2, Route 53, VPC Lattice, RAM and Direct Connect requests of the server about to be built (this process) to the strict classes."""
    iam_auth.install()
    private_dns.install()
    lattice.install()
    direct_connect.install()
    moto.ec2.urls.url_paths = {path: StrictEC2Response.dispatch for path in moto.ec2.urls.url_paths}
    zone = r"{0}/(?P<api_version>[\d_-]+)/hostedzone/(?P<zone_id>[^/]+)"
    authorization = {zone + "/authorizevpcassociation/?$": None, zone + "/deauthorizevpcassociation/?$": None}  # moto routes neither
    moto.route53.urls.url_paths = {path: StrictRoute53Response.dispatch for path in {**moto.route53.urls.url_paths, **authorization}}
    # ELB and ELBv2 share one route that picks the class by the Version parameter, looked up at call time.
    moto.elb.urls.ELBV2Response = StrictELBV2WithLogs
    security_groups.install()
