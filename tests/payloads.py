"""A copy of the real handbook with hostile text in every string field of every kind, the
settings and the municipality CSV: the fixed payload set of the hardening issue, cycled over the
fields. Ids, references, dates and enum values keep their valid form, so the copy still checks
clean and every page is built. Each payload sets `window.__xss` if it ever runs."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
MARKER = "__xss"
PAYLOADS = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=2">',
    "[klik](javascript:window.__xss=3)",
    "\\[skjult\\](javascript:window.__xss=4)",
    'afsnit {: onclick="window.__xss=5" }',
    "<svg onload=window.__xss=6></svg>",
    "' onmouseover='window.__xss=7' x='",
    "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9ODwvc2NyaXB0Pg==)",
    "javascript:window.__xss=9",
    "&lt;script&gt;window.__xss=10&lt;/script&gt;",
    "</title><script>window.__xss=11</script>",
    "{{ 7*7 }} {% raw %} ${7*7} #{7*7}",
    '<a href="java\tscript:window.__xss=13">fane</a>',
    "\x07klokke\x1b[31m <iframe src=javascript:window.__xss=14>",
)
# Fields that name things in other files rather than hold text (the members CSV's columns).
STRUCTURAL = frozenset({"members"})
# Text a reader must still see, as typed, on the pages.
VISIBLE = "{{ 7*7 }}"


class _Poisoner:
    def __init__(self) -> None:
        self.schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (REPO / "qms" / "schemas").glob("*.json")}
        self.count = 0

    def payload(self, limit: int) -> str:
        text = f"Tekst {self.count} " + PAYLOADS[self.count % len(PAYLOADS)]
        self.count += 1
        return text[:limit]

    def resolve(self, node: dict[str, Any], file: str) -> tuple[dict[str, Any], str]:
        while "$ref" in node:
            target, _, fragment = node["$ref"].partition("#")
            file = target or file
            found: Any = self.schemas[file]
            for part in fragment.strip("/").split("/") if fragment else []:
                found = found[part]
            node = {**found, **{k: v for k, v in node.items() if k != "$ref"}}
        return node, file

    def free_text(self, schema: dict[str, Any]) -> bool:
        """A string the author writes freely: no pattern, enum, const or format constrains it."""
        return schema.get("type") == "string" and not ({"pattern", "enum", "const", "format"} & set(schema))

    def walk(self, value: Any, schema: dict[str, Any], file: str) -> Any:
        schema, file = self.resolve(schema, file)
        if isinstance(value, str) and self.free_text(schema):
            return self.payload(int(schema.get("maxLength", 2000)))
        if isinstance(value, dict) and "properties" in schema:
            return {
                k: v if k in STRUCTURAL else self.walk(v, schema["properties"].get(k, {}), file)
                for k, v in value.items()
            }
        if isinstance(value, list) and "items" in schema:
            return [self.walk(v, schema["items"], file) for v in value]
        return value


def poisoned_handbook(target: Path) -> Path:
    """Copy the repository's handbook (qms/, docs/, mkdocs.yml) to `target`, poisoned."""
    shutil.copytree(REPO / "qms", target / "qms")
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    poisoner = _Poisoner()
    for path in sorted((target / "qms").rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # everything as text
        schema = f"{data['kind']}.schema.json"
        poisoned = poisoner.walk(data, poisoner.schemas[schema], schema)
        path.write_text(json.dumps(_typed(poisoned, data), ensure_ascii=False, indent=1), encoding="utf-8")
    _poison_csv(target / "qms" / "data" / "kommuner.csv", "name", 0)
    _poison_csv(target / "qms" / "data" / "kommuner-regioner.csv", "region_name", 3)
    return target


def _typed(poisoned: Any, original: Any) -> Any:
    """BaseLoader reads every scalar as text; give numbers and booleans back their type (JSON is
    YAML, so the file is written as JSON)."""
    if isinstance(poisoned, dict):
        return {k: _typed(v, original[k]) for k, v in poisoned.items()}
    if isinstance(poisoned, list):
        return [_typed(v, o) for v, o in zip(poisoned, original, strict=True)]
    if poisoned is original and isinstance(poisoned, str):
        if poisoned in ("true", "false"):
            return poisoned == "true"
        if poisoned.isdigit() and not poisoned.startswith("0"):
            return int(poisoned)
    return poisoned


def _poison_csv(path: Path, column: str, shift: int) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for i, row in enumerate(rows):
        row[column] = f"{row[column]} {PAYLOADS[(i + shift) % len(PAYLOADS)]}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
