"""The path proof: every consumer reaches its service, hop by hop, judged on the compiled Terraform."""

from plgen.paths.evaluate import EvaluationError, Root
from plgen.paths.proof import FAIL, PASS, WARN, Hop, Implementation, Path, prove_endpoints
from plgen.paths.resources import prove_resources


def prove(root: Root) -> list[Path]:
    """Every consumer path of the root, proven hop by hop: interface endpoints x listeners, then resource endpoints x port spans."""
    impl = Implementation(root)
    return prove_endpoints(impl, root.data) + prove_resources(impl, root.data)


__all__ = ["FAIL", "PASS", "WARN", "EvaluationError", "Hop", "Path", "Root", "prove"]
