"""The path proof: every consumer reaches its service, hop by hop, judged on the Terraform as it will be created.

Facts and judgments: ``world.py``; the offline world: ``adapters/terraform.py``;
the hops of a declared path (a plgen ``terraform.tfvars.json``): ``proof.py``
(interface endpoints), ``resources.py`` (VPC Lattice), ``direct_connect.py``;
paths found from the resources of any root: ``discover.py``.
"""

from plgen.paths.adapters.terraform import TerraformWorld
from plgen.paths.discover import prove_discovered
from plgen.paths.evaluate import EvaluationError, Root
from plgen.paths.proof import FAIL, PASS, WARN, Hop, Implementation, Path, prove_endpoints
from plgen.paths.resources import prove_resources


def prepare() -> None:
    """Load what every proof needs before it reads a root: the evaluator (this package's imports) and python-hcl2's
    parser (its table unpickled, its callbacks made: ``hcl.syntax._parser``). ``plgen render`` calls it while the CDK
    engine is still starting, when its main thread would otherwise only wait."""
    from plgen.paths.hcl import syntax

    syntax._parser()


def prove(root: Root) -> list[Path]:
    """Every consumer path of the root, proven hop by hop.

    The declaration's paths first (interface endpoints x listeners, then resource
    endpoints x port spans); then every interface endpoint of the root the
    declaration does not name (interface and VPC Lattice), found from the resources (``discover.py``): a
    declaration only adds expectations, it never hides an endpoint.
    """
    impl = TerraformWorld(root)
    declared = prove_endpoints(impl, root.data) + prove_resources(impl, root.data)
    return declared + prove_discovered(impl, _declared_endpoints(impl, root.data))


def _declared_endpoints(impl: TerraformWorld, data: dict) -> set[str]:
    found = set()
    for consumer_name, consumer in (data.get("service_consumers") or {}).items():
        for key in consumer.get("endpoints") or {}:
            vpce = impl.find("aws_vpc_endpoint", consumer_name, key)
            if vpce is not None:
                found.add(vpce.address)
    for consumer_name, consumer in (data.get("resource_consumers") or {}).items():
        keys = [*(consumer.get("resource_endpoints") or {})] + (["service-network"] if consumer.get("service_network_endpoint") else [])
        for key in keys:
            vpce = impl.find("aws_vpc_endpoint", consumer_name, key)
            if vpce is not None:
                found.add(vpce.address)
    return found


__all__ = ["FAIL", "PASS", "WARN", "EvaluationError", "Hop", "Implementation", "Path", "Root", "TerraformWorld", "prove"]
