"""A root, evaluated as Terraform would plan it: every module and resource instance with its arguments.

The path proof judges the Terraform itself (a root on disk, JSON or HCL, with
every input Terraform takes; or a blueprint compiled in memory), so a
hand-edited module is judged as it is. This module re-exports the evaluator's
public names from where each job lives:

- ``plgen.paths.hcl.values``: values (exact numbers, ``TerraformSet``, ``Ref``
  for what only apply or AWS knows), conversions, ``EvaluationError`` (what
  Terraform rejects) and ``CannotJudge`` (what this evaluator does not
  implement exactly: never an approximate value);
- ``plgen.paths.hcl.syntax``, ``types``, ``functions``, ``expressions``: the
  Lark tree of one expression (python-hcl2's grammar), type constraints and
  conversion, the function library, the evaluator;
- ``plgen.paths.instances``: ``for_each``/``count`` expansion, the module
  tree, variables, ``Root``; ``plgen.paths.inputs``: variable files and the
  modules ``terraform init`` installed.

A ``Ref`` names the attribute of the instance it comes from, which is exactly
what links an endpoint to its security group, a rule to its group, a listener
to its NLB and target group. Files are read by ``plgen.graph`` (bounded; one
canonical form for both formats).
"""

from plgen.paths.hcl.expressions import Evaluator, get
from plgen.paths.hcl.functions import FUNCTIONS
from plgen.paths.hcl.syntax import is_expression, parse
from plgen.paths.hcl.types import Type, type_of
from plgen.paths.hcl.values import CannotJudge, EvaluationError, Ref, TerraformSet, address
from plgen.paths.instances import ModuleInstance, ResourceInstance, Root, Variables

__all__ = [
    "FUNCTIONS",
    "CannotJudge",
    "EvaluationError",
    "Evaluator",
    "ModuleInstance",
    "Ref",
    "ResourceInstance",
    "Root",
    "TerraformSet",
    "Type",
    "Variables",
    "address",
    "get",
    "is_expression",
    "parse",
    "type_of",
]
