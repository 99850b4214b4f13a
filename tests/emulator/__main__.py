"""``python -m tests.emulator -H 127.0.0.1 -p PORT``: moto's server (same options) with the strict areas installed.

Requests are handled one at a time. moto's server runs each request on its own
thread over shared in-memory backends, and the provider sends many at once: two
ingress rules with different CIDRs authorized together on one group were seen
to come back InvalidPermission.Duplicate (1 apply in 3), which AWS never
answers for distinct rules. One lock around the application makes the backend
see requests in order, as AWS's control plane is consistent.
"""

import functools
import threading

import moto.backends
import moto.core.responses
import moto.core.utils
from moto.server import DomainDispatcherApplication, main

from tests.emulator.app import install

_ONE_AT_A_TIME = threading.Lock()
_handle = DomainDispatcherApplication.__call__


ENFORCE_IAM = "/plgen/enforce-iam"  # POST: from now on every request is authorized against IAM (see below)


def _serialised(self, environ, start_response):
    with _ONE_AT_A_TIME:
        if environ.get("PATH_INFO") == ENFORCE_IAM and environ.get("REQUEST_METHOD") == "POST":
            return _enforce_iam(start_response)
        return list(_handle(self, environ, start_response))


def _enforce_iam(start_response):
    """Turn moto's IAM enforcement on now: the requests made so far (the test's setup: users, roles, policies) were free.

    moto authorizes a request against the caller's IAM policies once its request count reaches
    ``INITIAL_NO_AUTH_ACTION_COUNT`` (moto.core.authorization), evaluating an assumed role's inline and
    attached policies; setting the limit to the count so far starts enforcement at the next request.
    """
    from moto import settings
    from moto.core.authorization import ActionAuthenticatorMixin

    settings.INITIAL_NO_AUTH_ACTION_COUNT = ActionAuthenticatorMixin.request_count
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"enforcing"]


DomainDispatcherApplication.__call__ = _serialised


def _answer_once_per_server() -> None:
    """Two lookups moto's server repeats on every request, made once: what they answer cannot change while it runs.

    ``moto.backends.list_of_moto_modules`` lists moto's package folder and stats each entry (about 170) to tell a
    backend name from a host name, twice per request (``DomainDispatcherApplication.get_backend_for_host``);
    ``method_names_from_class`` lists a response class's functions with ``inspect.getmembers`` to see whether the
    action is one (``BaseResponse.call_action``). Profiled over an IAM-enforced units apply of hybrid (2026-12-07,
    cProfile around each request): 17 % and 11 % of the emulator's time. The package on disk and the response
    classes (composed by ``install()`` before the server starts, never changed after) stay as they are, so the answers
    are computed once: the same names, the same membership tests.
    """
    modules = frozenset(moto.backends.list_of_moto_modules())
    moto.backends.list_of_moto_modules = lambda: modules
    moto.core.responses.method_names_from_class = functools.cache(lambda clazz, names=moto.core.utils.method_names_from_class: frozenset(names(clazz)))

install()
_answer_once_per_server()
main()
