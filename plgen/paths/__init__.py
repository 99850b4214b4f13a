"""The path proof: every consumer reaches its service, hop by hop, judged on the compiled Terraform."""

from plgen.paths.evaluate import EvaluationError, Root
from plgen.paths.proof import FAIL, PASS, WARN, Hop, Path, prove

__all__ = ["FAIL", "PASS", "WARN", "EvaluationError", "Hop", "Path", "Root", "prove"]
