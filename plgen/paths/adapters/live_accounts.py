"""``plgen paths --live``: the live adapter (``live.py``) on real accounts, read only, one session per account.

What the live proof may call is declared once (``plgen.aws.live_proof.CALLS``: service -> the
API operations, AWS's names); ``ReadOnly`` refuses any other operation before it
is sent, so the declaration is the exact set of calls the proof makes and the
read-only policy is derived from it (``policy``), not written by hand.

Credentials follow the standard AWS SDK chain (environment, shared config and
``--profile``, SSO, instance roles); ``AWS_ENDPOINT_URL`` (and the per-service
``AWS_ENDPOINT_URL_<SERVICE>``) is honoured by botocore itself, so the same
command reads the emulator or AWS:
https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html .
Each account of the declaration is read through a role in it: the role the
units' providers assume (``units/<unit>/providers.tf.json``: ``assume_role``),
or the one ``--role-name`` names (``sts:AssumeRole`` into
``arn:aws:iam::<account>:role/<name>``:
https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html ).
The accounts' answers are merged (an ID one account does not know is skipped), so
every side's resources are read in the account that owns them.

boto3 is imported here only (the ``live`` extra); ``validate`` and ``render``
never import this module.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Any

from plgen.aws.live_proof import CALLS, IAM_PREFIX, policy  # noqa: F401  (the declaration, and the policy the writer emits from it)

SIDE_KINDS = ("service_providers", "service_consumers", "resource_providers", "resource_consumers", "peers")


# Error codes of a call the role may not make (EC2: UnauthorizedOperation; the others: AccessDenied[Exception]):
# https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
DENIED = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess"}


class NotReadOnly(RuntimeError):
    """The live proof tried an operation ``CALLS`` does not declare: a plgen bug (exit 3), never sent."""


def _snake(operation: str) -> str:
    from botocore import xform_name

    return xform_name(operation)


class ReadOnly:
    """One boto3 call asked in every account's client, answers merged; only the operations of ``CALLS``."""

    def __init__(self, service: str, clients: list[Any], calls: set[tuple[str, str]]) -> None:
        self.service, self.clients, self.calls = service, clients, calls
        self.allowed = {_snake(op) for op in CALLS.get(service, ())}

    def __getattr__(self, name: str) -> Callable[..., dict[str, Any]]:
        if name not in self.allowed:
            raise NotReadOnly(f"{self.service}.{name} is not a declared read-only call of the live proof (plgen.paths.adapters.live_accounts.CALLS)")
        from botocore.exceptions import ClientError

        def call(**kwargs: Any) -> dict[str, Any]:
            self.calls.add((self.service, name))
            answers, errors = [], []
            for client in self.clients:
                try:
                    answers.append(getattr(client, name)(**kwargs))
                except ClientError as exc:
                    if exc.response.get("Error", {}).get("Code") in DENIED:  # a missing permission is not an absence
                        raise
                    errors.append(exc)
            if not answers:
                raise errors[0]
            merged = dict(answers[0])
            for answer in answers[1:]:
                for key, value in answer.items():
                    if isinstance(value, list) and isinstance(merged.get(key), list):
                        merged[key] = merged[key] + [v for v in value if v not in merged[key]]
            return merged

        return call


class Accounts:
    """Sessions per account (assumed roles) behind ``client(service, region)``, the interface ``live.Live`` reads through."""

    def __init__(self, accounts: dict[str, str | None], profile: str | None = None, region: str | None = None, progress: Callable[[str], None] | None = None) -> None:
        import boto3

        self.base = boto3.Session(profile_name=profile, region_name=region)
        self.region = region or self.base.region_name or "us-east-1"
        self.roles = accounts  # account -> role ARN to assume (None: the base credentials)
        self.sessions: dict[str, Any] = {}
        self.calls: set[tuple[str, str]] = set()
        self.progress = progress or (lambda line: None)

    def session(self, account: str) -> Any:
        if account not in self.sessions:
            import boto3

            role = self.roles[account]
            if role is None:
                self.progress(f"live: account {account}: the base credentials (no role named: --role-name, or a units folder)")
                self.sessions[account] = self.base
            else:
                self.progress(f"live: account {account}: assuming {role}")
                c = self.base.client("sts", region_name=self.region).assume_role(RoleArn=role, RoleSessionName="plgen-live-proof")["Credentials"]
                self.sessions[account] = boto3.Session(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
        return self.sessions[account]

    def client(self, service: str, region: str) -> ReadOnly:
        return ReadOnly(service, [self.session(a).client(service, region_name=region) for a in sorted(self.roles)], self.calls)


def accounts_of(data: dict[str, Any]) -> list[str]:
    """Every account a side of the declaration lives in."""
    return sorted({str(side["account_id"]) for kind in SIDE_KINDS for side in data.get(kind, {}).values() if side.get("account_id")})


def unit_roles(units: FsPath | None) -> dict[str, str]:
    """account -> the role ARN the units' providers assume there (``assume_role.role_arn``; the first, by unit name)."""
    roles: dict[str, str] = {}
    if units is None or not (units / "units.json").is_file():
        return roles
    for folder in sorted(p for p in units.iterdir() if (p / "providers.tf.json").is_file()):
        for block in json.loads((folder / "providers.tf.json").read_text()).get("provider", {}).get("aws", []):
            for assume in block.get("assume_role", []):
                arn = str(assume.get("role_arn", ""))
                parts = arn.split(":")
                if len(parts) >= 6 and parts[2] == "iam":
                    roles.setdefault(parts[4], arn)
    return roles


def roles_for(data: dict[str, Any], units: FsPath | None, role_name: str | None) -> dict[str, str | None]:
    """The role to read each account through: ``--role-name`` in every account, else the units' role, else none."""
    found = unit_roles(units)
    return {a: (f"arn:aws:iam::{a}:role/{role_name}" if role_name else found.get(a)) for a in accounts_of(data)}


def fixes(paths: list[Any], units: FsPath | None) -> dict[tuple[str, str, str], str]:
    """For each failing path, the unit whose re-apply restores the hop that failed (from ``units.json``)."""
    if units is None or not (units / "units.json").is_file():
        return {}
    manifest = json.loads((units / "units.json").read_text())
    by_team: dict[tuple[str, str], list[str]] = {}
    for unit in manifest["units"]:
        by_team.setdefault((unit.get("side", ""), unit.get("team", "")), []).append(unit["name"])
    out = {}
    for path in paths:
        failed = [h for h in path.hops if h.status == "FAIL"]
        if not failed:
            continue
        provider = path.endpoint.split("/")[0]
        hop = failed[0].name
        if hop == "acceptance":
            names = [n for n in by_team.get(("provider", provider), []) if n.endswith("-endpoint-acceptance")] or by_team.get(("provider", provider), [])
        elif hop in PROVIDER_HOPS:
            names = [n for n in by_team.get(("provider", provider), []) if not n.endswith("-endpoint-acceptance")]
        else:
            names = by_team.get(("consumer", path.consumer), [])
        if names:
            out[(path.consumer, path.endpoint, path.listener)] = f"{hop}: re-apply unit {names[0]} (units/{names[0]})"
    return out


PROVIDER_HOPS = {"listener", "target group", "targets", "peering", "dns"}


def prove_accounts(data: dict[str, Any], units: FsPath | None, role_name: str | None, profile: str | None, region: str | None, progress: Callable[[str], None] | None = None) -> tuple[list[Any], Accounts]:
    """Every path of the declaration, proven on the accounts' live state (``live.prove_live``) through ``Accounts``."""
    from plgen.paths.adapters.live import prove_live

    accounts = Accounts(roles_for(data, units, role_name), profile=profile, region=region, progress=progress or (lambda line: print(line, file=sys.stderr)))
    for account in sorted(accounts.roles):
        accounts.session(account)
    return prove_live(accounts, data), accounts
