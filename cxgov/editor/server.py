"""The chair's server (`make edit`): a Jupyter server extension for the editor page Voila renders.

Voila's page asks the server to shut its kernel down when the tab is closed (a beacon
on ``beforeunload`` carrying the ``_xsrf`` cookie's value). Opened straight on
``/voila/render/...``, as `make edit` and the Hub open the editor, no page has set
that cookie, so the request was refused (403) and every closed tab left its kernel
(about 110 MB) running until the server stopped. The extension makes Voila's page
handler set the cookie, as the dashboard's server does (cxgov.dashboard.voila_main).

Enabled on the command line: ``--ServerApp.jpserver_extensions="{'cxgov.editor.server': True}"``.
Extensions load in alphabetical order, before Voila's, so the handler is replaced
when the server starts, once every extension has added its handlers.
"""

from __future__ import annotations

from typing import Any

EXTENSION = "cxgov.editor.server"


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": EXTENSION}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Nothing to load: Voila's handlers are not there yet (see the module's docstring)."""


def page_handler(base: type) -> type:
    """Voila's page handler, setting the _xsrf cookie its page's shutdown request needs."""

    class EditorPage(base):  # type: ignore[misc]
        async def prepare(self, *args: Any, **kwargs: Any) -> None:
            await super().prepare(*args, **kwargs)
            self.xsrf_token  # noqa: B018  (reading it sets the cookie)

    EditorPage.__name__ = EditorPage.__qualname__ = f"Editor{base.__name__}"
    return EditorPage


def replace_handler(router: Any, old: type, new: type) -> int:
    """Route every rule of router (and of the routers it nests) whose target is old to new; how many."""
    replaced = 0
    for rule in getattr(router, "rules", ()):
        if rule.target is old:
            rule.target = new
            replaced += 1
        else:
            replaced += replace_handler(rule.target, old, new)
    return replaced


async def _start_jupyter_server_extension(serverapp: Any) -> None:
    from voila.tornado.handler import TornadoVoilaHandler

    replaced = replace_handler(serverapp.web_app.default_router, TornadoVoilaHandler, page_handler(TornadoVoilaHandler))
    if replaced == 0:
        serverapp.log.warning("cxgov: Voila's page handler was not found; a closed editor tab keeps its kernel")
