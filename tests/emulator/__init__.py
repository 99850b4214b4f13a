"""A moto extension that behaves like AWS where plgen's proofs depend on it (one file per AWS area).

``start_emulator()`` / ``stop_emulator()`` (``server.py``) start it as a subprocess
the way ``tests/apply/conftest.py`` starts ``moto_server``; ``app.py`` composes the
areas; ``privatelink.py`` is the first area. README.md says what is imitated.
"""

from tests.emulator.server import Emulator, start_emulator, stop_emulator

__all__ = ["Emulator", "start_emulator", "stop_emulator"]
