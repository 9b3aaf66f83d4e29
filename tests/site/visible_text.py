"""The text a reader sees on each built page: the page title and the article, whitespace-normalised.

Used to prove that a change to how pages are produced leaves what they say unchanged
(`tests/site/test_visible_text.py`), and to list the differences when a change is intended.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

# Elements whose text a reader does not see as page content.
HIDDEN = frozenset({"script", "style", "template", "noscript"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.article: list[str] = []
        self._depth = 0  # >0 while inside <article>
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self._depth:
            self._depth += tag not in VOID
        if tag in HIDDEN:
            self._hidden += 1
        self._in_title = tag == "title"
        if tag in BREAKS and self._depth:
            self.article.append("\n")
        elif tag in CELLS and self._depth:
            self.article.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag not in VOID:
            self._depth -= 1
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        if tag == "title":
            self._in_title = False
        if tag in BREAKS and self._depth:
            self.article.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif self._depth and not self._hidden:
            self.article.append(data.replace("\n", " "))  # a source line break is a space


VOID = frozenset({"br", "img", "input", "hr", "meta", "link", "wbr", "source", "col", "area", "base", "embed"})
CELLS = frozenset({"td", "th", "dd"})
BREAKS = frozenset({"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "dt", "dd", "br", "table", "ul", "ol"})


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.article).split("\n"))
    body = "\n".join(line for line in lines if line)
    return " ".join("".join(parser.title).split()) + "\n" + body


def site_text(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): visible_text(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.html"))}
