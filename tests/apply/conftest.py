"""A local AWS API for apply tests: ``moto_server`` on loopback, and a root pointed at it.

Each blueprint gets a fresh server (its own process on a free port of
127.0.0.1), so one blueprint's leftovers can neither satisfy nor break another
blueprint's checks, and "nothing is left after destroy" means exactly that.
The provider settings that aim Terraform at the emulator (endpoints, dummy
credentials, no account lookups) go into the test copy's override file through
``Terraform.override_provider``, for the default provider and every Region
alias; the modules users get never contain them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from plgen.verify.terraform import Terraform, provider_aliases
from tests.emulator import start_emulator, stop_emulator

MOTO_SERVER = Path(sys.executable).with_name("moto_server")
LISTENING = re.compile(r"Running on (http://127\.0\.0\.1:\d+)")
CREDENTIALS = {"aws_access_key_id": "plgen-moto", "aws_secret_access_key": "plgen-moto"}

# Every AWS API the rendered modules call, and the provider's endpoint key for it.
SERVICES = ("acm", "directconnect", "ec2", "elb", "elbv2", "iam", "route53", "sts")


@dataclass
class Moto:
    """A running ``moto_server``: its URL, boto3 clients against it, provider settings for it."""

    url: str
    process: subprocess.Popen

    def client(self, service: str, region: str) -> Any:
        return boto3.client(service, region_name=region, endpoint_url=self.url, config=Config(retries={"max_attempts": 2}), **CREDENTIALS)

    def provider_settings(self) -> dict[str, Any]:
        """AWS provider arguments that send every call to this server with dummy credentials."""
        return {
            "access_key": CREDENTIALS["aws_access_key_id"],
            "secret_key": CREDENTIALS["aws_secret_access_key"],
            "skip_credentials_validation": True,
            "skip_requesting_account_id": True,
            "skip_metadata_api_check": True,
            "skip_region_validation": True,
            "endpoints": [{service: self.url for service in SERVICES}],
        }


def start_moto(timeout: float = 30.0) -> Moto:
    """Start ``moto_server`` on 127.0.0.1, port chosen by the OS (``-p 0``), and wait until it answers."""
    process = subprocess.Popen([str(MOTO_SERVER), "-H", "127.0.0.1", "-p", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        match = LISTENING.search(line)
        if match:
            # Keep reading the server's request log so it never blocks on a full pipe.
            threading.Thread(target=_drain, args=(process,), daemon=True).start()
            return Moto(match.group(1), process)
    process.kill()
    process.wait()
    raise RuntimeError("moto_server did not start:\n" + "".join(seen))


def _drain(process: subprocess.Popen) -> None:
    assert process.stdout is not None
    for _ in process.stdout:
        pass


def stop_moto(moto: Moto) -> None:
    moto.process.terminate()
    try:
        moto.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        moto.process.kill()
        moto.process.wait()


@pytest.fixture
def moto():
    """A fresh strict emulator (``tests/emulator``: moto, with AWS's PrivateLink acceptance) for one test, stopped afterwards."""
    server = start_emulator()
    try:
        yield server
    finally:
        stop_emulator(server)


@pytest.fixture
def emulated_root(rendered, tmp_path, moto):
    """Factory: a copy of a blueprint's rendered JSON root whose providers all talk to ``moto``."""

    def make(name: str) -> Terraform:
        # The whole rendered folder, manifest included, so that a test can render into it again
        # (``write_tree(tmp_path, name, ...)``) as a user re-renders over applied state.
        shutil.copytree(rendered / name, tmp_path / name)
        work = tmp_path / name / "json"
        tf = Terraform(work)
        tf.override_provider(moto.provider_settings(), provider_aliases(work))
        return tf

    return make
