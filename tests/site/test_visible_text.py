"""What every built page of the example handbook says, word for word, against a reviewed copy.

A change in how pages are produced (templates, escaping, the site builder) must not change what
a reader sees unless that is the point of the change. When it is, review the difference this test
prints and refresh the copy with `UPDATE_GOLDEN=1 python -m pytest tests/site/test_visible_text.py`.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

from .visible_text import site_text

GOLDEN = Path(__file__).parent / "golden" / "example-site-text.json"
REPO = Path(__file__).resolve().parents[2]
# Hand-written pages come from the repository's docs/, which changes with the content.
HAND_WRITTEN = {p.relative_to(REPO / "docs").with_suffix(".html").as_posix() for p in (REPO / "docs").rglob("*.md")}


def test_every_page_says_what_the_reviewed_copy_says(built_site: Path) -> None:
    current = {page: text for page, text in site_text(built_site).items() if page not in HAND_WRITTEN}
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(current) == sorted(expected), "pages added or removed"
    changed = []
    for page in sorted(expected):
        if current[page] != expected[page]:
            diff = difflib.unified_diff(expected[page].splitlines(), current[page].splitlines(), lineterm="", n=1)
            changed.append(f"--- {page}\n" + "\n".join(list(diff)[2:40]))
    assert not changed, "\n".join(changed[:5])
