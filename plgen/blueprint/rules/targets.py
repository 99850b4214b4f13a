"""Targets must be reachable the way the NLB registers them."""

import ipaddress
from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Site
from plgen.blueprint.rules.base import Finding, rule


@rule("target-placement", "Targets are of one type per service and sit where their site says")
def target_placement(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        own = provider.vpc.network
        on_prem = [ipaddress.IPv4Network(c) for c in provider.on_premises.cidrs] if provider.on_premises else []
        peered = [p.vpc.network for p in provider.peers if p.vpc.network]
        for j, service in enumerate(provider.services):
            path = ("providers", i, "services", j)
            kinds = {bool(t.instance_id) for t in service.targets}
            if len(kinds) > 1:
                yield Finding((*path, "targets"), "a target group holds instances or IP addresses, not both", "give the instances' private IPs as `ip` targets")
            if not service.registered_targets:
                yield Finding((*path, "stage"), f"stage '{service.stage.value}' registers none of the targets", "add targets for the stage's sites")
            for k, target in enumerate(service.targets):
                if target.ip is None:
                    continue
                address = ipaddress.IPv4Address(target.ip)
                tpath = (*path, "targets", k, "ip")
                if target.site is Site.aws and own is not None and address not in own:
                    yield Finding(
                        tpath,
                        f"{address} is outside the provider VPC {own}",
                        "mark it `site: on-premises` or `site: peered` if it is reached over Direct Connect or peering",
                    )
                if target.site is Site.on_premises and not any(address in n for n in on_prem):
                    yield Finding(tpath, f"{address} is not in the provider's on_premises.cidrs", "declare on_premises with the data-center CIDRs")
                if target.site is Site.peered and not any(address in n for n in peered):
                    yield Finding(tpath, f"{address} is not in any peered VPC of this provider", "declare the home VPC under peers")
