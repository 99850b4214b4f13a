"""Paths found from the resources, for any Terraform: every interface endpoint the root declares, wherever it lives.

``proof.py`` proves the paths a plgen declaration (``terraform.tfvars.json``)
names. A root written by hand, or by anyone else, has no such declaration, and
a plgen root may carry endpoints its declaration does not name: each
``aws_vpc_endpoint`` of type ``Interface`` that no declared path proved is
judged here, from what Terraform will create (any module layout,
``count``/``for_each``):

    source          the peers the endpoint's groups admit on the listener's port (no declaration names them)
    endpoint        the endpoint's ``service_name`` is an ``aws_vpc_endpoint_service`` of the root (else the service
                    is external: the path is judged up to the endpoint, and says so: WARN), in AZs the NLB offers,
                    of an IP address type the service supports
    security group  none of the endpoint's groups admits the internet (``world.open_to_internet``)
    network acl     the ACLs on the endpoint's subnets let the sources in and the replies out (only where the root
                    puts ACLs there)
    acceptance      acceptance off, an accepter for this endpoint, or the endpoint's ``auto_accept`` (the one root
                    holds both; AWS auto-accepts only in the service's own account)
    listener        the service's NLB is internal (an internet-facing NLB FAILs); one path per listener; its groups
                    judged as for a declared path (``proof.judge_nlb_group``)
    target group    the listener forwards to a target group
    targets         at least one target is registered to it

https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html (an endpoint service in front of
an NLB; consumers connect through interface endpoints naming its service name).
"""

from __future__ import annotations

from typing import Any

from plgen.paths.adapters.terraform import TerraformWorld
from plgen.paths.evaluate import ResourceInstance
from plgen.paths.hops import _ip_type, judge_nlb_group, network_acls
from plgen.paths.proof import Path
from plgen.paths.world import FAIL, PASS, PROTOCOLS, WARN, open_to_internet, port


def interface_endpoints(impl: TerraformWorld) -> list[ResourceInstance]:
    """The root's interface endpoints (``vpc_endpoint_type`` Interface; AWS's default is Gateway)."""
    return [v for v in impl.of_type("aws_vpc_endpoint") if str(impl.arg(v, "vpc_endpoint_type") or "Gateway").lower() == "interface"]


def prove_discovered(impl: TerraformWorld, proven: set[str]) -> list[Path]:
    """A path per listener of every interface endpoint not in ``proven`` (addresses a declared path judged)."""
    paths: list[Path] = []
    for vpce in sorted(interface_endpoints(impl), key=lambda v: v.address):
        if vpce.address in proven:
            continue
        consumer = vpce.module.address or "root"
        es = impl.target(impl.arg(vpce, "service_name"), "aws_vpc_endpoint_service")
        lb = impl.target((impl.arg(es, "network_load_balancer_arns") or [None])[0], "aws_lb") if es else None
        listeners = sorted(impl.referring("aws_lb_listener", "load_balancer_arn", lb, "arn"), key=lambda item: (port(impl.arg(item, "port")) or 0, item.address)) if lb else []
        if es is None or lb is None or not listeners:
            path = Path(consumer, vpce.address, "-")
            _prove(impl, path, vpce, es, lb, None)
            paths.append(path)
            continue
        for listener in listeners:
            path = Path(consumer, vpce.address, f"{_text(impl.arg(listener, 'port'))}/{_text(impl.arg(listener, 'protocol'))}")
            _prove(impl, path, vpce, es, lb, listener)
            paths.append(path)
    return paths


def _prove(impl: TerraformWorld, path: Path, vpce: ResourceInstance, es: ResourceInstance | None, lb: ResourceInstance | None, listener: ResourceInstance | None) -> None:
    groups = [g for g in (impl.target(ref, "aws_security_group") for ref in impl.arg(vpce, "security_group_ids") or []) if g]
    rules = [r for g in groups for r in impl.rules_of(g)]
    number = port(impl.arg(listener, "port")) if listener else None
    kind = str(impl.arg(listener, "protocol") or "TCP").upper() if listener else "TCP"
    protocols = PROTOCOLS.get(kind, ["tcp"])
    peers = [r for r in rules if number is None or any(r.covers(p, number) for p in protocols)]
    sources = [(str(r.cidr), r.origin) for r in peers if isinstance(r.cidr, str)] + [(_name(impl, r.group), r.origin) for r in peers if r.group is not None]
    if not path.add("source", PASS if sources else FAIL, ", ".join(f"{s} ({o})" for s, o in dict.fromkeys(sources)) or f"the endpoint's groups admit no source{f' on {number}' if number else ''} (no declaration names one)"):
        return
    service = impl.arg(vpce, "service_name")
    if es is None:
        path.add("endpoint", WARN, f"{vpce.address} names {_name(impl, service)}, a service outside this root: judged up to the endpoint")
        _security_group(impl, path, vpce, rules, sources, 0, protocols)
        return
    if lb is None:
        path.add("endpoint", FAIL, f"{es.address} names no network load balancer of this root")
        return
    endpoint_azs = impl.subnet_azs(impl.arg(vpce, "subnet_ids"), vpce.module)
    service_azs = impl.subnet_azs(impl.arg(lb, "subnets"), lb.module)
    outside = [az for az in endpoint_azs if az is not None and service_azs and None not in service_azs and az not in service_azs]
    if outside:
        path.add("endpoint", FAIL, f"subnets in {', '.join(outside)}, which the service (NLB in {', '.join(map(str, service_azs))}) does not offer")
        return
    mismatch = _ip_type(impl.endpoint_fact(vpce), impl.service_fact(es), impl.lb_fact(lb))
    if mismatch:
        path.add("endpoint", FAIL, mismatch)
        return
    path.add("endpoint", PASS, f"{vpce.address} to {es.address}")
    if not _security_group(impl, path, vpce, rules, sources, number or 0, protocols):
        return
    accepters = impl.referring("aws_vpc_endpoint_connection_accepter", "vpc_endpoint_id", vpce, "id")
    if impl.arg(es, "acceptance_required") is False:
        path.add("acceptance", PASS, "acceptance is off: connections are accepted at once")
    elif accepters:
        path.add("acceptance", PASS, f"accepted by {accepters[0].address}")
    elif impl.arg(vpce, "auto_accept") is True:
        path.add("acceptance", PASS, "the endpoint auto-accepts (AWS does so only in the service's own account)")
    else:
        path.add("acceptance", FAIL, "nothing accepts the connection: the endpoint stays pendingAcceptance")
        return
    internal = impl.arg(lb, "internal")
    if internal is not None and not isinstance(internal, bool):
        path.add("listener", FAIL, f"cannot judge: {lb.address}.internal is {_text(internal)}, not known before apply")
        return
    if internal is not True:
        path.add("listener", FAIL, f"{lb.address} is not internal ({internal!r}): an internet-facing NLB")
        return
    if listener is None:
        path.add("listener", FAIL, f"{lb.address} has no listener")
        return
    if number is None:
        path.add("listener", FAIL, f"cannot judge: {listener.address}.port is {_text(impl.arg(listener, 'port'))}, not known before apply")
        return
    own = [g for g in (impl.target(ref, "aws_security_group") for ref in impl.arg(lb, "security_groups") or []) if g]
    enforce = impl.arg(lb, "enforce_security_group_inbound_rules_on_private_link_traffic") or "on"
    cidr_sources = [(s, o) for s, o in sources if "/" in s]
    problem, note = judge_nlb_group(own[0].address if own else None, [r for g in own for r in impl.rules_of(g)], enforce, cidr_sources, number or 0, kind if kind in PROTOCOLS else "TCP")
    if problem:
        path.add("listener", FAIL, problem)
        return
    path.add("listener", WARN if note.startswith("no security group") else PASS, f"{listener.address}; {note}")
    actions = impl.arg(listener, "default_action") or []
    tg = impl.target(next((a.get("target_group_arn") for a in actions if a.get("type") == "forward"), None), "aws_lb_target_group")
    if tg is None:
        path.add("target group", FAIL, "the listener forwards to no target group")
        return
    path.add("target group", PASS, f"{tg.address} {impl.arg(tg, 'protocol')}/{impl.arg(tg, 'port')}")
    attached = impl.referring("aws_lb_target_group_attachment", "target_group_arn", tg, "arn")
    if not attached:
        path.add("targets", FAIL, "no target is registered")
        return
    path.add("targets", PASS, f"{len(attached)} target(s) registered ({', '.join(a.address for a in attached[:3])}{', ...' if len(attached) > 3 else ''})")
    path.add("dns", PASS, "the endpoint's regional DNS name (vpce-...vpce.amazonaws.com)")


def _security_group(impl: TerraformWorld, path: Path, vpce: ResourceInstance, rules, sources, number: int, protocols: list[str]) -> bool:
    world = open_to_internet(rules)
    if world:
        path.add("security group", FAIL, f"the endpoint's group admits the internet ({', '.join(world)})")
        return False
    if not path.add("security group", PASS, f"{len(rules)} rule(s), none open to the internet"):
        return False
    return network_acls(impl, path, impl.subnets(impl.arg(vpce, "subnet_ids"), vpce.module), sources, number, protocols) if number else True


def _name(impl: TerraformWorld, value: Any) -> str:
    """A peer or service as a reader knows it: the resource a reference names, or the literal."""
    target = impl.target(value)
    return target.address if target is not None else str(getattr(value, "path", value))


def _text(value: Any) -> str:
    """A value as a reader writes it: a reference by its expression (``random_integer.port.result``)."""
    return str(getattr(value, "path", value))
