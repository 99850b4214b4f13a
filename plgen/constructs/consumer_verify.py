"""The verify unit's module: a probe beside the consumer's endpoints and Reachability Analyzer's verdict per path.

``plgen.interfaces.consumer_verify`` says what it proves and what it does not,
with the sources. The probe's security group opens outbound only to each
endpoint's own group on the listener ports (a referenced group, never a CIDR),
so the probe admits nothing and reaches nothing else. The analysis is a one-time
result: ``-replace`` of an analysis (or a new one) asks again.
https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/ec2_network_insights_analysis
"""

from __future__ import annotations

from plgen.constructs.declare import declare
from plgen.interfaces.consumer_verify import CONSUMER_VERIFY, PROVEN_BY_PLGEN_ONLY
from plgen.terraform import Construct, local, output, resource, tf


class ConsumerVerify(Construct):
    """Probe network interface + group, and a path + analysis (``path_found`` postcondition) per endpoint and port."""

    def __init__(self, scope: Construct, features: frozenset[str]) -> None:
        super().__init__(scope, "consumer-verify")
        name = declare(self, CONSUMER_VERIFY, "name", features)
        tags = declare(self, CONSUMER_VERIFY, "tags", features)
        vpc_id = declare(self, CONSUMER_VERIFY, "vpc_id", features)
        subnet_id = declare(self, CONSUMER_VERIFY, "subnet_id", features)
        endpoints = declare(self, CONSUMER_VERIFY, "endpoints", features)
        paths = local(
            self,
            "paths",
            tf(
                f"merge([for key, endpoint in {endpoints} : "
                '{ for port in endpoint.ports : "${key}/${port.ip_protocol}/${port.port}" => '
                "{ endpoint = key, endpoint_id = endpoint.endpoint_id, security_group_id = endpoint.security_group_id, "
                "state = endpoint.state, port = port.port, ip_protocol = port.ip_protocol } }]...)"
            ),
        )
        resource(
            self,
            "aws_security_group",
            "probe",
            {
                "name_prefix": f"${{{name}}}-verify-probe-",
                "description": "plgen verify: Reachability Analyzer probe (no inbound rules)",
                "vpc_id": tf(vpc_id),
                "tags": tf(f'merge({tags}, {{ Name = "${{{name}}}-verify-probe" }})'),
            },
        )
        resource(
            self,
            "aws_vpc_security_group_egress_rule",
            "probe",
            {
                "security_group_id": tf("aws_security_group.probe.id"),
                "referenced_security_group_id": tf("each.value.security_group_id"),
                "ip_protocol": tf("each.value.ip_protocol"),
                "from_port": tf("each.value.port"),
                "to_port": tf("each.value.port"),
                "description": "To ${each.value.endpoint} on ${each.value.ip_protocol}/${each.value.port}",
                "tags": tf(tags),
            },
            for_each=tf(paths),
        )
        resource(
            self,
            "aws_network_interface",
            "probe",
            {
                "subnet_id": tf(subnet_id),
                "security_groups": [tf("aws_security_group.probe.id")],
                "description": "plgen verify: Reachability Analyzer probe (sends nothing)",
                "tags": tf(f'merge({tags}, {{ Name = "${{{name}}}-verify-probe" }})'),
            },
        )
        resource(
            self,
            "aws_ec2_network_insights_path",
            "this",
            {
                "source": tf("aws_network_interface.probe.id"),
                "destination": tf("each.value.endpoint_id"),
                "protocol": tf("each.value.ip_protocol"),
                "destination_port": tf("each.value.port"),
                "tags": tf(f'merge({tags}, {{ Name = "${{{name}}}-verify-${{each.key}}" }})'),
            },
            for_each=tf(paths),
            # The egress rule is what lets the probe out: analysed before it exists, the path would not be found.
            depends_on=["aws_vpc_security_group_egress_rule.probe"],
        )
        resource(
            self,
            "aws_ec2_network_insights_analysis",
            "this",
            {
                "network_insights_path_id": tf("aws_ec2_network_insights_path.this[each.key].id"),
                "wait_for_completion": True,
                "tags": tf(tags),
            },
            for_each=tf(paths),
            lifecycle={
                "precondition": [
                    {
                        "condition": tf('each.value.state == "available"'),
                        "error_message": "The provider has not accepted this endpoint yet (its state is not available): apply the provider's endpoint-acceptance unit first.",
                    }
                ],
                "postcondition": [
                    {
                        "condition": tf("self.path_found"),
                        "error_message": "Reachability Analyzer finds no path from the probe to ${each.key}: see the analysis ${self.id} (explanations) for the blocking component.",
                    }
                ],
            },
        )
        output(
            self,
            "path_found",
            tf("{ for key, analysis in aws_ec2_network_insights_analysis.this : key => analysis.path_found }"),
            "Per `<provider>/<service>/<protocol>/<port>`: whether Reachability Analyzer found the path from the probe to the endpoint (true once applied).",
        )
        output(
            self,
            "analyses",
            tf("{ for key, analysis in aws_ec2_network_insights_analysis.this : key => analysis.id }"),
            "Per path: the analysis ID (its explanations name the blocking component when no path is found).",
        )
        output(
            self,
            "proven_by_plgen_only",
            list(PROVEN_BY_PLGEN_ONLY),
            "Hops Reachability Analyzer does not analyse from this account, proven by plgen's own path proof (plgen paths) only: "
            + "; ".join(PROVEN_BY_PLGEN_ONLY)
            + ".",
        )
