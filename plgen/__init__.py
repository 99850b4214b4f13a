"""plgen: AWS PrivateLink architectures, from a short YAML blueprint to Terraform.

The pipeline, one package per stage:

    blueprint/   load YAML with positions -> typed model -> semantic rules
    patterns/    one file per PrivateLink pattern: model -> constructs + data
    constructs/  the architectural pieces (network, endpoint service, endpoints, DNS, peering)
    terraform/   the only place that imports cdktf; provider schema snapshot
    emit/        Terraform JSON / HCL files, module layout, atomic writes
    graph/       resource graph from either format, for review and round trips
    docs/        the blueprint catalogue

``plgen.compiler.compile_paths`` runs it end to end.
"""

__version__ = "0.1.0"
