"""IAM role and user names, and their paths, are ones IAM accepts; a principal of an endpoint service has no path.

IAM (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
"IAM name requirements"): names of users, roles and paths "must be
alphanumeric, including the following common characters: plus (+), equals
(=), comma (,), period (.), at (@), underscore (_), and hyphen (-). Path names
must begin and end with a forward slash (/)"; a role or user name is at most
64 characters and a path at most 512 ("IAM object quotas", the same page and
https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html).
"Alphanumeric" is ASCII: ``é`` or ``ß`` in a role name is refused by IAM,
though the principal pattern of the model (``\\w``) reads them as letters. A
path is ``/`` or ``/seg/.../``: an empty segment (``//``) cannot be written,
and ``.`` or ``..`` segments (``role/../admin``) look like a path that climbs
out of a folder, which IAM paths never do, so plgen refuses them rather than
let a reviewer misread which role is assumed.

Endpoint service permissions: "Principal ARNs with path components aren't
supported"
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpointServicePermissions.html),
so ``arn:aws:iam::111111111111:role/team/api`` in ``allowed_principals`` is refused.

Checked: every IAM role or user ARN in any field (principals, flow log roles,
``deploy_role`` ARNs with ``{account_id}``) and every bare ``deploy_role`` name.
"""

import re
from collections.abc import Iterable

from plgen.blueprint.model import Blueprint
from plgen.blueprint.rules.base import Finding, arns_and_roles, rule

IAM_ARN = re.compile(r"arn:[^:]*:iam::[^:]*:(role|user)/(.*)", re.DOTALL)
CHARACTERS = re.compile(r"[A-Za-z0-9+=,.@_-]+", re.ASCII)
NAME_LIMIT = 64
PATH_LIMIT = 512


def name_problem(rest: str, path_allowed: bool) -> str | None:
    """What IAM refuses in ``rest`` (``[path/]name`` after ``role/`` or ``user/``), or None."""
    *segments, name = rest.split("/")
    if segments and not path_allowed:
        return f"has the path /{'/'.join(segments)}/; endpoint service permissions take principal ARNs without a path"
    for part in [*segments, name]:
        if part == "":
            return "has an empty path segment (//) or no name" if segments else "has no name"
        if not CHARACTERS.fullmatch(part):
            bad = next(c for c in part if not CHARACTERS.fullmatch(c))
            ascii_note = " (IAM names are ASCII)" if ord(bad) > 127 else ""
            return f"has {bad!r} in '{part}'{ascii_note}; IAM takes letters, digits and + = , . @ _ -"
        if part in (".", ".."):
            return f"has the segment '{part}'; an IAM path is /name/.../, never relative"
    if len(name) > NAME_LIMIT:
        return f"name '{name}' is {len(name)} characters; IAM allows at most {NAME_LIMIT}"
    if segments and len("/" + "/".join(segments) + "/") > PATH_LIMIT:
        return f"path is more than {PATH_LIMIT} characters, IAM's limit"
    return None


@rule("iam-names", "IAM role and user names and paths are ASCII letters, digits and + = , . @ _ -, within IAM's lengths; principals have no path")
def iam_names(bp: Blueprint) -> Iterable[Finding]:
    for path, value, _ in arns_and_roles(bp):
        match = IAM_ARN.fullmatch(value)
        if match:
            principal = "allowed_principals" in path
            problem = name_problem(match[2], path_allowed=not principal)
            if problem:
                yield Finding(path, f"{value}: the {match[1]} {problem}", "name the role as IAM shows it (aws iam get-role)")
        elif path[-1:] == ("deploy_role",):
            problem = name_problem(value, path_allowed=False)
            if problem:
                yield Finding(path, f"deploy role '{value}' {problem}", "a role name, or arn:aws:iam::{account_id}:role/[path/]name")
