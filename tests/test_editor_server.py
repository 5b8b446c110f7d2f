"""cxgov.editor.server: Voila's page handler replaced in a real tornado application, and the cookie it sets.

The whole path (`make edit`, Voila's page, its shutdown request on leaving) is
tests/test_editor_browser_tasks.py's: each test there waits until the page it
left has had its kernel shut down.
"""

from __future__ import annotations

import asyncio
from typing import Any

import tornado.httpclient
import tornado.httpserver
import tornado.web
from browser import free_port
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

from cxgov.editor.server import page_handler, replace_handler


class Page(tornado.web.RequestHandler):
    async def prepare(self) -> None:
        self.prepared = True

    def get(self, path: str) -> None:
        self.write(f"page {path}")


class Other(tornado.web.RequestHandler):
    def get(self) -> None:
        self.write("other")


def app_with_pages() -> tornado.web.Application:
    """Handlers added as a server extension adds them: one host pattern per add_handlers call."""
    app = tornado.web.Application(xsrf_cookies=True, cookie_secret="x" * 32)
    app.add_handlers(".*$", [("/other", Other)])
    app.add_handlers(".*$", [("/voila/render/(.*)", Page), ("/more", Other)])
    return app


def handler_for(app: tornado.web.Application, path: str) -> Any:
    delegate: Any = app.find_handler(
        HTTPServerRequest(start_line=RequestStartLine("GET", path, "HTTP/1.1"), headers=HTTPHeaders(Host="localhost"))
    )
    return delegate.handler_class


def test_every_route_to_the_page_handler_and_only_those_are_replaced() -> None:
    app = app_with_pages()
    editor_page = page_handler(Page)
    assert replace_handler(app.default_router, Page, editor_page) == 1
    assert handler_for(app, "/voila/render/editor.ipynb") is editor_page
    assert handler_for(app, "/other") is Other and handler_for(app, "/more") is Other
    assert editor_page.__name__ == "EditorPage" and issubclass(editor_page, Page)
    assert replace_handler(app.default_router, Page, editor_page) == 0  # nothing left to replace


def test_the_replaced_page_sets_the_xsrf_cookie_and_still_serves_the_page() -> None:
    async def fetch(handler: type) -> tornado.httpclient.HTTPResponse:
        app = tornado.web.Application([("/voila/render/(.*)", handler)], xsrf_cookies=True)
        port = free_port()
        server = tornado.httpserver.HTTPServer(app)
        server.listen(port, "127.0.0.1")
        try:
            client = tornado.httpclient.AsyncHTTPClient()
            return await client.fetch(f"http://127.0.0.1:{port}/voila/render/editor.ipynb")
        finally:
            server.stop()

    plain = asyncio.run(fetch(Page))
    assert "_xsrf=" not in plain.headers.get("Set-Cookie", "")  # why the extension exists
    replaced = asyncio.run(fetch(page_handler(Page)))
    assert replaced.body == b"page editor.ipynb"
    assert replaced.headers.get("Set-Cookie", "").startswith("_xsrf=")
