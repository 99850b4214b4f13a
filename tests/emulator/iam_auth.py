"""IAM enforcement (``/plgen/enforce-iam``) for every service the units call: moto's SigV4 check fixed for bodiless requests.

Once IAM is enforced, moto re-computes each request's SigV4 signature before it
evaluates the caller's policies (``moto.iam.access_control.IAMRequestBase``). It
builds the request it signs with ``data=self._body or self._data``: a request with
an empty body (every GET of the REST APIs: VPC Lattice's ``ListServiceNetworks``,
Route 53's ``ListHostedZones``) is re-signed with the request's *parsed parameters*
as its payload, which for a bodiless request moto fills with the request's
headers, so the hash differs from the client's and an allowed caller is answered
``SignatureDoesNotMatch``. SigV4 hashes the payload as sent, the empty string
when there is none (the canonical request's ``HashedPayload``:
https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html ,
https://docs.aws.amazon.com/general/latest/gr/sigv4-create-canonical-request.html ).
Here a request with no body and no form parameters is signed with the empty
payload; form-encoded requests (whose body moto has parsed into its parameters)
stay as moto signs them; the policy evaluation after it is moto's, unchanged.
"""

from __future__ import annotations

from botocore.awsrequest import AWSRequest
from moto.iam.access_control import IAMRequestBase


def _create_aws_request(self: IAMRequestBase) -> AWSRequest:
    signed_headers = self._get_string_between("SignedHeaders=", ",", self._headers["Authorization"]).split(";")
    headers = self._create_headers_for_aws_request(signed_headers, self._headers)
    body = self._body or self._data  # moto's: a form-encoded body (the query APIs: EC2, ELB, SNS) arrives parsed, as data
    if not self._body and "x-www-form-urlencoded" not in str(self._headers.get("Content-Type", "")):
        body = b""  # no body at all: the payload signed is the empty string
    request = AWSRequest(method=self._method, url=self._path, data=body, headers=headers)
    request.context["timestamp"] = headers["X-Amz-Date"]
    return request


def install() -> None:
    IAMRequestBase._create_aws_request = _create_aws_request  # type: ignore[method-assign]
