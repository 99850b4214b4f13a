"""The IAM each deployment unit needs, derived from the resource types it holds (issue 24).

Per unit, per account its provider configurations assume a role in:

- the deploy role's **identity policy**: every IAM action of every resource
  and data source type the unit's modules hold in that account, from the
  AWS facts' table (``plgen.aws.iam.ACTIONS``: create, read, update, delete,
  and the actions an argument needs when the module sets it, e.g.
  ``vpce:AllowMultiRegion`` for ``service_region``). ``Resource: "*"``:
  most EC2 actions the units call (``Describe*``, ``CreateVpcEndpoint`` on a
  new endpoint) take no resource ARN or only ARNs unknown before the apply
  (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html);
  least privilege here is by action.
- its **trust policy**: the role may be assumed by principals of its own
  account only (``arn:<partition>:iam::<account>:root`` delegates to that
  account's administrators, who grant ``sts:AssumeRole`` to their runner,
  https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user.html).
- with an S3 backend, the **state access** of the unit's home-account role:
  ``s3:ListBucket`` on the bucket, ``s3:GetObject``/``s3:PutObject`` on its own
  key, ``s3:GetObject``/``s3:PutObject``/``s3:DeleteObject`` on its lock file
  (``<key>.tflock``), and ``s3:GetObject`` on the key of each unit it reads
  (the S3 backend's permissions, https://developer.hashicorp.com/terraform/language/backend/s3#permissions-required).
  The same statements, each with the role as ``Principal``, make the state
  bucket's policy: a cross-account principal needs both the identity policy
  and the bucket policy to allow it
  (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html),
  so no unit reads a state it does not read by design.

Every backend, remote state read and provider configuration of a unit
assumes its role with the session name ``plgen-<unit>``, so CloudTrail names
the unit behind each call (the role session name is logged by the account
owning the role, https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from plgen.aws.iam import ACTIONS
from plgen.blueprint.model import Blueprint
from plgen.assemble.units import session_name, state_config
from plgen.records import Call, Unit

VERSION = "2012-10-17"
# What the S3 backend does with a customer managed key: encrypt its state, read it and its producers' back
# (https://developer.hashicorp.com/terraform/language/backend/s3, kms_key_id; SSE-KMS needs kms:GenerateDataKey to
# write and kms:Decrypt to read, https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html).
# A role of another account needs the key policy and its identity policy both to allow it
# (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html).
KMS_ACTIONS = ("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey")
BUCKET_POLICY = "state-bucket-policy.json"
KEY_POLICY = "state-key-policy.json"  # statements to add to the key's policy (its administrators' stay as they are)


def partition(region: str) -> str:
    return "aws-us-gov" if region.startswith("us-gov-") else "aws-cn" if region.startswith("cn-") else "aws"


def _values(data: Any, key: str) -> list[Any]:
    """Every value of ``key`` anywhere in the unit's tfvars."""
    found = []
    if isinstance(data, dict):
        for k, v in data.items():
            found += [v] if k == key else _values(v, key)
    elif isinstance(data, list):
        for v in data:
            found += _values(v, key)
    return found


def _actions(kind: str, body: dict[str, Any], inputs: dict[str, Any], region: str) -> set[str]:
    """The actions one resource (``kind`` = its type, ``data.<type>`` for a data source) needs in a unit.

    An extra keyed by an argument (``service_region``, ``supported_regions``,
    ``private_dns_enabled``) is needed when the module sets the argument and
    the unit's data gives it a value that does something: true, or a Region
    other than the unit's own (``supported_regions: [<home>]`` is not
    cross-Region). An extra keyed by a situation (words) is always included:
    it cannot be read before the apply.
    """
    entry = ACTIONS.get(kind)
    if entry is None:
        raise AssertionError(f"plgen.aws.iam.ACTIONS has no entry for {kind}: the deploy role's policy would miss its actions")
    out = {*entry.create, *entry.read, *entry.update, *entry.delete}
    for when, extra in entry.when.items():
        if " " in when:
            out |= set(extra)
        elif when in body and any(v not in (None, False, [], "", region, [region]) for v in _values(inputs, when)):
            out |= set(extra)
    return out


def _configs(doc: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    """The unit's provider configurations: reference ("aws", "aws.<alias>") -> (account, Region, role ARN)."""
    out = {}
    for config in doc["provider"]["aws"]:
        ref = f"aws.{config['alias']}" if "alias" in config else "aws"
        out[ref] = (config["allowed_account_ids"][0], config["region"], config["assume_role"][0]["role_arn"])
    return out


def unit_actions(doc: dict[str, Any], inputs: dict[str, Any], by_name: dict[str, Call], modules: dict[str, Any]) -> dict[str, set[str]]:
    """Per account, the actions the unit's resources there need (the module's provider configuration decides where)."""
    configs = _configs(doc)
    out: dict[str, set[str]] = {account: set() for account, _, _ in configs.values()}
    for call, block in doc.get("module", {}).items():
        module = modules[by_name[call].module]
        mapping = block.get("providers", {"aws": "aws"})
        for section, prefix in (("resource", ""), ("data", "data.")):
            for kind, bodies in module.get(section, {}).items():
                for body in bodies.values():
                    ref = mapping.get(body.get("provider", "aws"), "aws")
                    account, region, _ = configs[ref]
                    out[account] |= _actions(prefix + kind, body, inputs, region)
    return out


def _state_statements(bp: Blueprint, unit: Unit, role: str, principal: bool) -> list[dict[str, Any]]:
    """What the unit's home role may do in the state bucket (as identity statements, or with the role as Principal)."""
    state = bp.s3_state
    assert state is not None
    arn = f"arn:{partition(state.region)}:s3:::{state.bucket}"
    own = state_config(bp, unit.name)["key"]
    by_file = {p for p, _ in unit.handoffs}
    reads = sorted(state_config(bp, producer)["key"] for producer, _ in unit.depends_on if producer not in by_file)
    statements: list[dict[str, Any]] = [
        {"Sid": "ListStateBucket", "Action": ["s3:ListBucket"], "Resource": [arn]},
        {"Sid": "OwnState", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": [f"{arn}/{own}"]},
        {"Sid": "OwnLockFile", "Action": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], "Resource": [f"{arn}/{own}.tflock"]},
    ]
    if reads:
        statements.append({"Sid": "ReadProducers", "Action": ["s3:GetObject"], "Resource": [f"{arn}/{k}" for k in reads]})
    if state.kms_key_arn and not principal:  # the key's own policy gets these from key_policy(), with Resource "*"
        statements.append({"Sid": "StateKey", "Action": list(KMS_ACTIONS), "Resource": [state.kms_key_arn]})
    out = []
    for s in statements:
        s = {"Sid": s["Sid"], "Effect": "Allow", **({"Principal": {"AWS": role}} if principal else {}), "Action": s["Action"], "Resource": s["Resource"]}
        out.append(s)
    return out


def unit_iam(bp: Blueprint, units: tuple[Unit, ...], documents: dict[str, dict[str, Any]], inputs: dict[str, dict[str, Any]], calls: tuple[Call, ...], modules: dict[str, Any]):
    """The units with their ``required_actions``, each unit's IAM document, and the state's policies (file name -> policy)."""
    by_name = {c.name: c for c in calls}
    out_units, documents_out, bucket = [], {}, []
    for u in units:
        doc = documents[u.name]
        per_account = unit_actions(doc, inputs[u.name], by_name, modules)
        roles = {account: arn for account, _, arn in _configs(doc).values()}
        entries = []
        for account in u.accounts:
            actions = sorted(per_account.get(account, ()))
            statements: list[dict[str, Any]] = []
            if actions:
                statements.append({"Sid": "DeployResources", "Effect": "Allow", "Action": actions, "Resource": "*"})
            if account == u.account and bp.s3_state:
                statements += _state_statements(bp, u, roles[account], principal=False)
            region = next(r for a, r, _ in _configs(doc).values() if a == account)
            entries.append(
                {
                    "account": account,
                    "role_arn": roles[account],
                    "policy_name": session_name(u.name),
                    "policy": {"Version": VERSION, "Statement": statements},
                    "trust_policy": {
                        "Version": VERSION,
                        "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:{partition(region)}:iam::{account}:root"}, "Action": "sts:AssumeRole"}],
                    },
                }
            )
        if bp.s3_state:
            bucket += _state_statements(bp, u, roles[u.account], principal=True)
        required = sorted({a for actions in per_account.values() for a in actions})
        out_units.append(dataclasses.replace(u, required_actions=tuple(required)))
        documents_out[u.name] = {"unit": u.name, "session_name": session_name(u.name), "roles": entries}
    policies: dict[str, dict[str, Any]] = {}
    if bp.s3_state:
        for i, s in enumerate(bucket):  # Sids are unique in one policy
            s["Sid"] = f"{s['Sid']}{i}"
        policies[BUCKET_POLICY] = {"Version": VERSION, "Statement": bucket}
        if bp.s3_state.kms_key_arn:
            roles = sorted({documents_out[u.name]["roles"][0]["role_arn"] for u in units})
            policies[KEY_POLICY] = {
                "Version": VERSION,
                "Statement": [{"Sid": "PlgenUnitsState", "Effect": "Allow", "Principal": {"AWS": roles}, "Action": list(KMS_ACTIONS), "Resource": "*"}],
            }
    return tuple(out_units), documents_out, policies
