"""mkdocs hook for `handbook serve`: answer only requests addressed to the loopback address the
preview listens on. A page elsewhere could otherwise point a name of its own at 127.0.0.1 (DNS
rebinding) and read the draft preview through the reader's browser. Each page also loads the
preview's banner script (preview.js), which shows the problems when an edit breaks the check.

mkdocs makes a new theme environment for every rebuild and compiles the theme's templates again
(about half of a rebuild of one page); the preview keeps the compiled templates in a bytecode
cache inside its own build folder, which jinja2 checks against each template's source."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache

from handbook.site.render import ASSET_DIR
from handbook.site.serve import THEME_CACHE

MISDIRECTED = "421 Misdirected Request"
# The preview serves the site at the root of its address; the script is a fixed local file.
PREVIEW_SCRIPT = f'<script src="/{ASSET_DIR}/preview.js"></script>\n'


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


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    cache = Path(config.config_file_path).parent / THEME_CACHE
    cache.mkdir(exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def on_post_page(output: str, page: Any, config: Any) -> str:
    head, body_end, tail = output.rpartition("</body>")
    return f"{head}{PREVIEW_SCRIPT}{body_end}{tail}" if body_end else output
