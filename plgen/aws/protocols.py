"""Protocols: what an NLB listens on, what its targets and health checks speak, and what a Lattice resource carries.

A Network Load Balancer's listeners take ``TCP``, ``TLS``, ``UDP`` and
``TCP_UDP`` on ports 1-65535; "the target groups for a TCP_UDP listener must
use the TCP_UDP protocol"; a TLS listener terminates TLS and forwards to its
targets over TCP
(https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html,
https://docs.aws.amazon.com/elasticloadbalancing/latest/network/create-tls-listener.html).
On the wire a listener protocol is one or two IP protocols (a security group
rule's ``ip_protocol``): TLS is TCP, TCP_UDP is both.
"""

from __future__ import annotations

from enum import StrEnum


# No docstrings on these enums: the blueprint's JSON schema shows a class docstring as the type's description.
class Protocol(StrEnum):  # an NLB listener protocol (aws_lb_listener.protocol)
    TCP = "TCP"
    TLS = "TLS"
    UDP = "UDP"
    TCP_UDP = "TCP_UDP"

    @property
    def ip_protocols(self) -> tuple[str, ...]:
        """The IP protocols (security group ``ip_protocol``) the listener's traffic uses."""
        return IP_PROTOCOLS[self]

    @property
    def target_protocol(self) -> str:
        """The protocol of the listener's target group: a TLS listener forwards to TCP targets, the others keep their protocol."""
        return TARGET_PROTOCOL[self]


# Keyed by the enum, whose members hash and compare as their strings: ``IP_PROTOCOLS["TLS"]`` works too.
IP_PROTOCOLS: dict[str, tuple[str, ...]] = {
    Protocol.TCP: ("tcp",),
    Protocol.TLS: ("tcp",),
    Protocol.UDP: ("udp",),
    Protocol.TCP_UDP: ("tcp", "udp"),
}
TARGET_PROTOCOL: dict[str, str] = {Protocol.TCP: "TCP", Protocol.TLS: "TCP", Protocol.UDP: "UDP", Protocol.TCP_UDP: "TCP_UDP"}
# The protocols only a Network Load Balancer listens on (an Application Load Balancer takes HTTP and HTTPS;
# both take nothing else): https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html
NETWORK_ONLY = (Protocol.TLS, Protocol.UDP, Protocol.TCP_UDP)


# An NLB target group's health-check protocol: TCP, HTTP or HTTPS
# (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html).
class HealthCheckProtocol(StrEnum):
    TCP = "TCP"
    HTTP = "HTTP"
    HTTPS = "HTTPS"


# Every health-check protocol runs over TCP ("The GENEVE, TLS, UDP, and TCP_UDP protocols are not supported for health
# checks", HealthCheckProtocol in
# https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html): the IP protocol a
# target's group admits from the NLB for health checks, whatever the listener (a UDP listener's targets too).
HEALTH_CHECK_IP_PROTOCOL = "tcp"

# A VPC Lattice resource configuration carries TCP only ("protocol: TCP",
# https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html).
RESOURCE_CONFIGURATION_PROTOCOLS = ("TCP",)
