"""With IAM enforced, every API the units call is answered for an allowed caller and refused for one not allowed.

moto re-signs each request to check its SigV4 signature before it evaluates
the caller's policies; for a bodiless request (a REST API's GET) it signed the
wrong payload and refused every caller, allowed or not (``iam_auth.py``). These
are the calls of the live proof and the deploy roles' reads on the REST APIs
(VPC Lattice, Route 53) and the query APIs (EC2, ELBv2) side by side.
"""

from __future__ import annotations

import json
import urllib.request

import pytest
from botocore.exceptions import ClientError

from tests.emulator import start_emulator, stop_emulator

CALLS = (
    ("vpc-lattice", "list_service_networks", "vpc-lattice:ListServiceNetworks"),
    ("vpc-lattice", "list_resource_gateways", "vpc-lattice:ListResourceGateways"),
    ("route53", "list_hosted_zones", "route53:ListHostedZones"),
    ("ec2", "describe_vpcs", "ec2:DescribeVpcs"),
    ("elbv2", "describe_load_balancers", "elasticloadbalancing:DescribeLoadBalancers"),
)


@pytest.fixture(scope="module")
def enforced():
    """An emulator with two users, one allowed exactly ``CALLS``' actions and one allowed nothing of them; IAM enforced."""
    server = start_emulator()
    try:
        iam = server.client("iam", "us-east-1")
        users = {}
        for name, actions in (("allowed", [a for _, _, a in CALLS]), ("other", ["sqs:ListQueues"])):
            iam.create_user(UserName=name)
            policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}
            iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=json.dumps(policy))
            key = iam.create_access_key(UserName=name)["AccessKey"]
            users[name] = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
        urllib.request.urlopen(urllib.request.Request(server.url + "/plgen/enforce-iam", method="POST"), timeout=10).read()
        yield server, users
    finally:
        stop_emulator(server)


@pytest.mark.parametrize(("service", "operation", "action"), CALLS, ids=[a for _, _, a in CALLS])
def test_an_allowed_caller_is_answered_and_another_refused(enforced, service, operation, action):
    server, users = enforced
    getattr(server.client(service, "us-east-1", **users["allowed"]), operation)()
    with pytest.raises(ClientError) as refused:
        getattr(server.client(service, "us-east-1", **users["other"]), operation)()
    error = refused.value.response["Error"]
    assert "Signature" not in error.get("Code", ""), error  # refused by its policy, not by a signature moto computed wrongly
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403 or "not authorized" in str(refused.value), error
