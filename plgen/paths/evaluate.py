"""A rendered root, evaluated as Terraform would plan it: every module and resource instance with its arguments.

The path proof judges the compiled Terraform itself (a rendered root, JSON or
HCL, and its ``terraform.tfvars.json``), so a hand-edited module is judged as
it is. This evaluates the expression language the modules use (for
expressions, conditionals, splats, templates, the functions plgen emits),
expands ``for_each`` and ``count`` of module calls and resources, applies
variable types with their ``optional`` defaults, and follows module inputs
and outputs. What only AWS knows (IDs, ARNs, DNS names) stays symbolic: a
``Ref`` naming the attribute of the instance it comes from, which is exactly
what links an endpoint to its security group, a rule to its group, a listener
to its NLB and target group.

Files are read by ``plgen.graph`` (one canonical form for both formats);
expressions are parsed by python-hcl2's Lark grammar.
"""

from plgen.paths.hcl.expressions import Evaluator, get
from plgen.paths.hcl.functions import FUNCTIONS
from plgen.paths.hcl.syntax import is_expression, parse
from plgen.paths.hcl.types import Type, type_of
from plgen.paths.hcl.values import EvaluationError, Ref, address
from plgen.paths.instances import ModuleInstance, ResourceInstance, Root, Variables

__all__ = [
    "FUNCTIONS",
    "EvaluationError",
    "Evaluator",
    "ModuleInstance",
    "Ref",
    "ResourceInstance",
    "Root",
    "Type",
    "Variables",
    "address",
    "get",
    "is_expression",
    "parse",
    "type_of",
]
