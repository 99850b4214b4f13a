"""Network Load Balancer listeners as AWS modifies them: TLS, UDP and TCP_UDP too.

moto 5.2.5's ``ModifyListener`` accepts only ``HTTP``, ``HTTPS`` and ``TCP`` and
answers ``UnsupportedProtocol: Protocol TLS is not supported``, so any in-place
change of an NLB's TLS listener fails, e.g. pointing it at a new target group
after a ``target_port`` change (the provider sends the listener's whole
configuration, protocol included, in ``ModifyListener``).

Imitated: "For Network Load Balancers, the supported protocols are TCP, TLS,
UDP, and TCP_UDP" (``Protocol``), and a TLS listener keeps or replaces its
default certificate (``Certificates``: must exist in ACM or IAM, as moto checks
for HTTPS) and security policy.
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyListener.html
Anything else is moto's own ``ModifyListener``.

NLB security groups, as AWS has them (moto 5.2.5 keeps the groups but knows
nothing of the PrivateLink enforcement attribute, and lets groups be added to an
NLB created without any): "If you create a Network Load Balancer without
associating any security groups, you can't associate them with the load
balancer later on"; ``EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic`` is
``on`` or ``off``, "The default is on", and ``DescribeLoadBalancers`` and
``SetSecurityGroups`` answer it for an NLB with groups.
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetSecurityGroups.html
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.elbv2.exceptions import ELBClientError
from moto.elbv2.responses import ELBV2Response
from moto.elbv2.ssl_policies import SSL_POLICIES

from plgen.aws.protocols import NETWORK_ONLY


class NetworkListenerResponse:
    """ELBv2 actions; ``self`` is moto's ELBv2 response for one request."""

    def modify_listener(self) -> ActionResult:
        protocol = self._get_param("Protocol")
        if protocol not in NETWORK_ONLY:
            return super().modify_listener()
        backend = self.elbv2_backend
        arn = self._get_param("ListenerArn")
        listener = backend.describe_listeners(load_balancer_arn=None, listener_arns=[arn])[0]
        balancer = backend.load_balancers.get(listener.load_balancer_arn)
        if balancer is None or balancer.type != "network":
            raise ELBClientError("UnsupportedProtocol", f"Protocol {protocol} is not supported")
        ssl_policy = self._get_param("SslPolicy")
        if ssl_policy is not None and ssl_policy not in SSL_POLICIES:
            raise ELBClientError("SSLPolicyNotFound", f"Policy {ssl_policy} not found")
        certificates = [c["CertificateArn"] for c in self._get_param("Certificates", [])]
        if protocol == "TLS":
            missing = [c for c in certificates[:1] if not backend._certificate_exists(certificate_arn=c)]
            if missing:
                raise ELBClientError("CertificateNotFound", f"Certificate {missing[0]} not found")
            if not certificates and not listener.certificates:
                raise ELBClientError("InvalidConfigurationRequest", "You must provide a list containing exactly one certificate if the listener protocol is TLS.")
        # moto's backend does the rest (port, policy, actions) with the protocol left as it is.
        listener = backend.modify_listener(arn, self._get_param("Port"), None, ssl_policy, [], self._get_param("DefaultActions", []))
        listener.protocol = protocol
        if certificates:
            listener.certificate, listener.certificates = certificates[0], certificates
        return ActionResult({"Listeners": [listener]})


ENFORCE = "enforce_security_group_inbound_rules_on_private_link_traffic"


class NetworkSecurityGroupResponse:
    """CreateLoadBalancer and SetSecurityGroups with an NLB's security groups and PrivateLink enforcement."""

    def create_load_balancer(self) -> ActionResult:
        result = super().create_load_balancer()
        for balancer in self.elbv2_backend.load_balancers.values():
            if balancer.type == "network" and balancer.security_groups and not hasattr(balancer, ENFORCE):
                setattr(balancer, ENFORCE, "on")
        return result

    def set_security_groups(self) -> ActionResult:
        arn = self._get_param("LoadBalancerArn")
        groups = self._get_param("SecurityGroups", [])
        enforce = self._get_param("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")
        balancer = self.elbv2_backend.load_balancers.get(arn)
        if balancer is None or balancer.type != "network":
            return super().set_security_groups()
        if enforce is not None and enforce not in ("on", "off"):
            raise ELBClientError("ValidationError", f"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic must be 'on' or 'off', not '{enforce}'")
        if not balancer.security_groups and groups:
            raise ELBClientError("InvalidConfigurationRequest", "You cannot associate security groups with a Network Load Balancer that was created without security groups")
        self.elbv2_backend.set_security_groups(arn, groups)
        if enforce is not None:
            setattr(balancer, ENFORCE, enforce)
        elif groups and not hasattr(balancer, ENFORCE):
            setattr(balancer, ENFORCE, "on")
        answer = {"SecurityGroupIds": groups}
        if groups:
            answer["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] = getattr(balancer, ENFORCE)
        return ActionResult(answer)


class StrictELBV2Response(NetworkSecurityGroupResponse, NetworkListenerResponse, ELBV2Response):
    """ELBv2 as moto answers it, but for NLB listener protocols and NLB security groups."""
