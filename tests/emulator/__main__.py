"""``python -m tests.emulator -H 127.0.0.1 -p PORT``: moto's server (same options) with the strict areas installed.

Requests are handled one at a time. moto's server runs each request on its own
thread over shared in-memory backends, and the provider sends many at once: two
ingress rules with different CIDRs authorized together on one group were seen
to come back InvalidPermission.Duplicate (1 apply in 3), which AWS never
answers for distinct rules. One lock around the application makes the backend
see requests in order, as AWS's control plane is consistent.
"""

import threading

from moto.server import DomainDispatcherApplication, main

from tests.emulator.app import install

_ONE_AT_A_TIME = threading.Lock()
_handle = DomainDispatcherApplication.__call__


def _serialised(self, environ, start_response):
    with _ONE_AT_A_TIME:
        return list(_handle(self, environ, start_response))


DomainDispatcherApplication.__call__ = _serialised

install()
main()
