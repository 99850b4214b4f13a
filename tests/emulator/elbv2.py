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
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.elbv2.exceptions import ELBClientError
from moto.elbv2.responses import ELBV2Response
from moto.elbv2.ssl_policies import SSL_POLICIES

NETWORK_ONLY = ("TLS", "UDP", "TCP_UDP")


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


class StrictELBV2Response(NetworkListenerResponse, ELBV2Response):
    """ELBv2 as moto answers it, but for NLB listener protocols."""
