"""mkdocs hook for `handbook serve`: answer only requests addressed to the loopback address the
preview listens on. A page elsewhere could otherwise point a name of its own at 127.0.0.1 (DNS
rebinding) and read the draft preview through the reader's browser."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

MISDIRECTED = "421 Misdirected Request"


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    host, port = config.dev_addr.host, config.dev_addr.port
    allowed = {f"{host}:{port}", f"localhost:{port}"}
    app = server.get_app()

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("HTTP_HOST", "") not in allowed:
            start_response(MISDIRECTED, [("Content-Type", "text/plain; charset=utf-8")])
            return [b"This preview answers only requests for its own loopback address.\n"]
        return app(environ, start_response)  # type: ignore[no-any-return]  # wsgiref types the app as Any

    server.set_app(guarded)
    return server
