"""Start and stop the strict emulator like ``tests/apply/conftest.py`` starts ``moto_server``.

``start_emulator()`` returns an object with the same ``url``, ``process``,
``client()`` and ``provider_settings()`` as that file's ``Moto``, so swapping
``start_moto``/``stop_moto`` for ``start_emulator``/``stop_emulator`` is the whole
switch (see README.md). The server listens on 127.0.0.1 only, on a port the OS
chooses.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

REPO = Path(__file__).resolve().parents[2]
LISTENING = re.compile(r"Running on (http://127\.0\.0\.1:\d+)")
CREDENTIALS = {"aws_access_key_id": "plgen-moto", "aws_secret_access_key": "plgen-moto"}

# Every AWS API the rendered modules call (KMS and SNS for a connection notification's topic), plus the SQS its test reads.
SERVICES = ("acm", "directconnect", "ec2", "elb", "elbv2", "iam", "kms", "ram", "route53", "route53resolver", "sns", "sqs", "sts", "vpclattice")


@dataclass
class Emulator:
    """A running strict emulator: its URL, boto3 clients against it, provider settings for it."""

    url: str
    process: subprocess.Popen

    def client(self, service: str, region: str, **credentials: str) -> Any:
        """A boto3 client; ``credentials`` (e.g. from ``assume_role``) replace the default account's."""
        return boto3.client(service, region_name=region, endpoint_url=self.url, config=Config(retries={"max_attempts": 2}), **(credentials or CREDENTIALS))

    def provider_settings(self, **credentials: str) -> dict[str, Any]:
        """AWS provider arguments that send every call to this server (default account unless ``credentials``)."""
        return {
            "access_key": credentials.get("aws_access_key_id", CREDENTIALS["aws_access_key_id"]),
            "secret_key": credentials.get("aws_secret_access_key", CREDENTIALS["aws_secret_access_key"]),
            **({"token": credentials["aws_session_token"]} if "aws_session_token" in credentials else {}),
            "skip_credentials_validation": True,
            # The provider asks STS who it is, as it does against AWS: without its account ID it reads every rule
            # that references a security group back as "<account>/sg-..." (ReferencedGroupInfo.UserId differs from
            # its empty account), and a plan after apply wants to replace each such rule.
            "skip_requesting_account_id": False,
            "skip_metadata_api_check": True,
            "skip_region_validation": True,
            "endpoints": [{service: self.url for service in SERVICES}],
        }


def start_emulator(timeout: float = 30.0) -> Emulator:
    """Start ``python -m tests.emulator`` on 127.0.0.1, port chosen by the OS, and wait until it answers."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "tests.emulator", "-H", "127.0.0.1", "-p", "0"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
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
            return Emulator(match.group(1), process)
    process.kill()
    process.wait()
    raise RuntimeError("the strict emulator did not start:\n" + "".join(seen))


def _drain(process: subprocess.Popen) -> None:
    assert process.stdout is not None
    for _ in process.stdout:
        pass


def stop_emulator(emulator: Emulator) -> None:
    emulator.process.terminate()
    try:
        emulator.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        emulator.process.kill()
        emulator.process.wait()
