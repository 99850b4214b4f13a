"""A service any AWS account can connect to without review is refused unless the blueprint says so, with a reason.

AWS: "If you grant permissions to all principals, the service is public. Any
users who know the name of a public service can send a request to attach an
endpoint. If the service does not require manual approval, attachments are
automatically approved."
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpointServicePermissions.html).
``allowed_principals: ["*"]`` with ``acceptance_required: false`` is therefore
an open door nobody watches; plgen builds it only when the endpoint service
carries ``open_to_any_account: {reason: ...}``, which the catalogue page
shows. An acknowledgement on a service that is not open is refused too, so it
cannot outlive the change that closed the service and mislead a reader.
"""

from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, rule


@rule("open-service-acknowledged", "A service open to every AWS account without acceptance (principal * and acceptance_required: false) says so with a reason")
def open_service_acknowledged(bp: Blueprint) -> Iterable[Finding]:
    for i, provider in enumerate(bp.providers):
        for j, service in enumerate(provider.services):
            es = service.endpoint_service
            path = ("providers", i, "services", j, "endpoint_service")
            public = "*" in es.allowed_principals
            if public and not es.acceptance_required and es.open_to_any_account is None:
                yield Finding(
                    (*path, "allowed_principals", es.allowed_principals.index("*")),
                    "'*' with acceptance_required: false lets any AWS account connect to this service, unreviewed",
                    "name the accounts' principals, or set acceptance_required: true, or say it is meant: open_to_any_account: {reason: \"...\"}",
                )
            elif es.open_to_any_account is not None and not (public and not es.acceptance_required):
                yield Finding(
                    (*path, "open_to_any_account"),
                    "the service is not open to any account (that needs allowed_principals: ['*'] and acceptance_required: false)",
                    "remove open_to_any_account",
                )
