"""``python -m tests.emulator -H 127.0.0.1 -p PORT``: moto's server (same options) with the strict areas installed."""

from moto.server import main

from tests.emulator.app import install

install()
main()
