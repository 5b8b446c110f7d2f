"""`python -m cxgov.dashboard.voila_main ARGS`: Voila with cxgov's response headers and token handling.

The same as `python -m voila ARGS`, plus:

- the Content-Security-Policy header: a nested setting the command line can only carry in a form
  traitlets has deprecated (and Voila re-enables that warning on every start);
- the token, read from $CXGOV_DASHBOARD_TOKEN (never from the command line, which `ps` shows to every
  user) and removed from the environment before any kernel inherits it; set after the configuration
  is read, so that no voila.json can change it;
- the token is taken out of the page's request once it has been checked (the login cookie carries
  the session on): Voila would otherwise hand the query string to the kernel, in its environment
  (QUERY_STRING, VOILA_REQUEST_URL) and through its unauthenticated `/voila/query/<kernel id>`
  websocket, which returns it to anyone who knows the kernel's id;
- the page gets the _xsrf cookie, without which the shutdown request it sends when closed is refused;
- requests are logged by jupyter_server's logger, which scrubs tokens from the URLs it logs, and
  tornado's own warnings (a refused static file names its URL) are scrubbed the same way.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from typing import Any
from urllib.parse import parse_qsl, urlencode

from cxgov.dashboard.server import CONTENT_SECURITY_POLICY, TOKEN_ENV

SECRET_PARAMS = ("token",)
SECRET_IN_TEXT = re.compile(r"([?&]token=)[^&\s#]+")


class ScrubTokens(logging.Filter):
    """Replace the value of every token=... in a log record's message (as jupyter_server's own log does)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "token=" in message:
            record.msg, record.args = SECRET_IN_TEXT.sub(r"\1[secret]", message), ()
        return True


def forget_token(request: Any) -> None:
    """Remove the token from a tornado request's query (query, uri and parsed arguments)."""
    pairs = [(k, v) for k, v in parse_qsl(request.query, keep_blank_values=True) if k not in SECRET_PARAMS]
    request.query = urlencode(pairs)
    request.uri = request.path + (f"?{request.query}" if request.query else "")
    for name in SECRET_PARAMS:
        request.arguments.pop(name, None)
        request.query_arguments.pop(name, None)


def main(argv: list[str] | None = None) -> None:
    """Start Voila with argv (default: this process's arguments)."""
    from jupyter_server.log import log_request
    from voila.app import Voila
    from voila.tornado.handler import TornadoVoilaHandler

    token = os.environ.pop(TOKEN_ENV, "") or None
    for name in ("tornado.access", "tornado.application", "tornado.general"):
        logging.getLogger(name).addFilter(ScrubTokens())

    class PageHandler(TornadoVoilaHandler):  # type: ignore[misc]
        """Voila's page, which never passes the token on (see the module's docstring)."""

        async def prepare(self, *args: Any, **kwargs: Any) -> None:
            await super().prepare(*args, **kwargs)  # checks the token (and sets the login cookie)
            forget_token(self.request)
            # Voila's page asks for its kernel's shutdown when it is closed, with the _xsrf cookie's value,
            # but nothing sets that cookie: the request was refused (403) and the kernel left running.
            self.xsrf_token  # noqa: B018  (reading it sets the cookie)

    class DashboardVoila(Voila):  # type: ignore[misc]
        def init_handlers(self) -> list[Any]:
            handlers: list[Any] = super().init_handlers()
            return [(h[0], PageHandler, *h[2:]) if h[1] is TornadoVoilaHandler else h for h in handlers]

    settings = {"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}, "log_function": log_request}
    app = DashboardVoila.instance(tornado_settings=settings)
    app.initialize(sys.argv[1:] if argv is None else argv)
    app.token, app.auto_token = token, False
    app.log.addFilter(ScrubTokens())
    app.start()


if __name__ == "__main__":
    main()
