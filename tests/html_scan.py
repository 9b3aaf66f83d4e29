"""A static scan of built HTML for markup that could run script: event-handler attributes,
script-like URLs, and script bodies carrying a test payload's marker. Shared by the site tests and
the browser tests, so both judge a page by the same rules."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc"})
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class DangerScanner(HTMLParser):
    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            text = "".join((value or "").split()).lower()
            if name.startswith("on") or (name in URL_ATTRIBUTES and text.startswith(BAD_SCHEMES)):
                self.found.append(f"<{tag} {name}={value!r}>")
            elif self.marker in name:
                self.found.append(f"<{tag} {name}> (an attribute made from a payload)")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and self.marker in data:
            self.found.append(f"<script>{data[:80]}")


def scan_html(text: str, marker: str) -> list[str]:
    scanner = DangerScanner(marker)
    scanner.feed(text)
    scanner.close()
    return scanner.found


def scan_site(root: Path, marker: str) -> dict[str, list[str]]:
    """Every HTML file under ROOT with what it holds that could run script (empty when clean)."""
    problems = {}
    for path in sorted(root.rglob("*.html")):
        found = scan_html(path.read_text(encoding="utf-8"), marker)
        if found:
            problems[path.relative_to(root).as_posix()] = found
    return problems
