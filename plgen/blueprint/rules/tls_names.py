"""A TLS listener's consumers reach it by a name its certificate covers.

TLS terminates on the NLB with an ACM certificate; a client checks that the
name it connected to is one of the certificate's names (RFC 6125; a wildcard
covers one label). An endpoint's own names (``vpce-...vpce.amazonaws.com``)
and a friendly name under a private domain such as ``.internal`` are names no
public ACM certificate can hold, so a consumer using them gets a name mismatch
on every connection. The names a consumer may use on a TLS listener are the
service's private DNS name (verified, see private-dns-verification; the
certificate is for it unless ``certificate_names`` says otherwise) and a
friendly ``dns_name`` covered by the listener's ``certificate_names``. TCP
listeners carry no certificate, so any name works there.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint, Protocol, covers
from plgen.blueprint.rules.base import Finding, resolved_endpoints, rule


def certificate_covers(listener, service, name: str) -> bool:
    """Whether the certificate of a TLS listener covers ``name`` (its declared names, else the private DNS name)."""
    names = listener.certificate_names or [n for n in [service.endpoint_service.private_dns_name] if n]
    return any(covers(c, name) for c in names)


@rule("tls-names-covered", "Consumers of a TLS listener use a name its certificate covers (verified private DNS, or a friendly name under certificate_names)")
def tls_names_covered(bp: Blueprint) -> Iterable[Finding]:
    for ref in resolved_endpoints(bp):
        private = ref.service.endpoint_service.private_dns_name
        for listener in ref.service.nlb.listeners:
            if listener.protocol is not Protocol.TLS:
                continue
            declared = ", ".join(listener.certificate_names) or private or "no name"
            if ref.endpoint.dns_name and not certificate_covers(listener, ref.service, ref.endpoint.dns_name):
                yield Finding(
                    ref.path("dns_name"),
                    f"{ref.endpoint.dns_name} reaches TLS listener {listener.port} of '{ref.endpoint.service}', whose certificate covers {declared}: every connection would fail the name check",
                    (f"use private_dns: true, the verified name {private}" if private else "give the service a verified private_dns_name and use private_dns: true")
                    + "; or pick a dns_name the certificate holds and list the certificate's names in the listener's certificate_names",
                )
                break
            if ref.endpoint.private_dns and private and not certificate_covers(listener, ref.service, private):
                yield Finding(
                    ref.path("private_dns"),
                    f"private DNS name {private} is not among the names the certificate of TLS listener {listener.port} covers ({declared})",
                    f"add {private} (or a wildcard of its parent) to the listener's certificate_names, with a certificate that holds it",
                )
                break
            if not ref.endpoint.dns_name and not ref.endpoint.private_dns:
                yield Finding(
                    ref.path("service"),
                    f"this endpoint reaches TLS listener {listener.port} of '{ref.endpoint.service}' only by its vpce-... names, which no certificate can cover",
                    f"set private_dns: true to use the verified name {private}" if private else "give the service a verified private_dns_name and set private_dns: true, or a dns_name under the listener's certificate_names",
                )
                break
