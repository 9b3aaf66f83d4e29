"""`handbook diff A B`: what changed in the handbook between two editions, tags or commits (or
the work tree), in Danish terms: documents added, withdrawn and revised (old → new revision,
change note, changed fields with the schemas' Danish titles, changed text word by word),
conformity status per requirement, and risks added, closed or rescored.

Each side is read at its own commit, loading only the files that differ: one `git ls-tree` per
side gives every file's blob id (for the work tree the ids are computed here, as git does), and
one `git cat-file --batch` reads the changed blobs.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..constants import QMS_DIR, SCHEMA_DIR
from ..fingerprint import CONTROL, content_fingerprint
from ..history.gitlog import GitUnavailable, git, read_blobs, tree_blobs
from ..kinds import by_folder
from ..model import ASSESSED
from ..values import Conformity, DocStatus, RiskStatus
from ..yamlload import load_bytes
from .archive import EditionError, parse_name, tag_of

WORK_TREE = ""  # the side name of the work tree


@dataclass(frozen=True)
class Words:
    op: str  # "=", "-" or "+"
    text: str


@dataclass(frozen=True)
class FieldChange:
    pointer: str
    label: str  # Danish, from the schemas' titles, e.g. "Aktiviteter › A1 › Trin 2"
    old: str
    new: str
    words: tuple[Words, ...] = ()


@dataclass(frozen=True)
class DocumentChange:
    kind: str
    ident: str
    title: str
    change: str  # added, withdrawn (file removed or now obsolete), revised, changed (no revision)
    old_revision: int | None = None
    new_revision: int | None = None
    old_status: str = ""
    new_status: str = ""
    change_note: str = ""
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class StatusChange:
    requirement: str
    old: str  # Conformity value, or "" when there was no entry
    new: str


@dataclass(frozen=True)
class RiskChange:
    ident: str
    title: str
    change: str  # added, removed, closed, rescored
    old_score: int | None = None
    new_score: int | None = None


@dataclass(frozen=True)
class Diff:
    old: str  # what the sides were named on the command line (edition, tag or commit)
    new: str
    old_commit: str
    new_commit: str  # "" for the work tree
    documents: tuple[DocumentChange, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    risks: tuple[RiskChange, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (self.documents or self.statuses or self.risks)

    def to_json(self) -> dict[str, Any]:
        return {"format_version": 1, **asdict(self), "unchanged": self.unchanged}


def resolve(root: Path, ref: str) -> str:
    """An edition name (via its tag), a tag or a commit → the full commit id."""
    name = tag_of(ref) if parse_name(ref) else ref
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}").decode().strip()
    except GitUnavailable:
        raise EditionError(f"'{ref}' is not an edition, tag or commit of this repository") from None


def diff(root: Path, old: str, new: str = WORK_TREE) -> Diff:
    prefix = git(root, "rev-parse", "--show-prefix").decode().strip().rstrip("/")
    old_commit = resolve(root, old)
    new_commit = resolve(root, new) if new else ""
    before = tree_blobs(root, prefix, old_commit, QMS_DIR)
    after = tree_blobs(root, prefix, new_commit, QMS_DIR) if new_commit else _work_tree_blobs(root)
    changed = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p) and _document(p))
    blobs = read_blobs(root, [before[p] for p in changed if p in before] + [after[p] for p in changed if p in after and new_commit])
    old_data = {p: _load(blobs.get(before[p], b"")) for p in changed if p in before}
    new_data = {p: _load(blobs.get(after[p], b"") if new_commit else (root / p).read_bytes()) for p in changed if p in after}
    labels = Labels(root / SCHEMA_DIR)
    docs: list[DocumentChange] = []
    statuses: list[StatusChange] = []
    risks: list[RiskChange] = []
    for path in changed:
        a, b = old_data.get(path), new_data.get(path)
        kind = by_folder(path.split("/")[1])
        if kind is None or (a is None and b is None):
            continue
        change = _document_change(kind.name, path, a, b, labels)
        if change is not None:
            docs.append(change)
        if kind.name == "conformity":
            statuses.extend(_status_changes(a, b))
        if kind.name == "risk":
            risks.extend(_risk_changes(path, a, b))
    return Diff(old, new or "arbejdskopien", old_commit, new_commit, tuple(docs), tuple(statuses), tuple(risks))


def _document(path: str) -> bool:
    return path.endswith((".yaml", ".yml")) and path.count("/") == 2 and not path.startswith(f"{SCHEMA_DIR}/")


def _work_tree_blobs(root: Path) -> dict[str, str]:
    """Path → the blob id git would give each file under qms/ (so unchanged files are not read)."""
    found = {}
    for folder, dirs, names in os.walk(root / QMS_DIR):
        dirs[:] = [d for d in dirs if d != "schemas"]
        for name in names:
            path = Path(folder) / name
            raw = path.read_bytes()
            found[path.relative_to(root).as_posix()] = hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()
    return found


def _load(raw: bytes) -> dict[str, Any] | None:
    loaded = load_bytes(raw, "", max_bytes=len(raw) + 1)
    return loaded.data


def _control(data: Mapping[str, Any] | None) -> Mapping[str, Any]:
    control = (data or {}).get(CONTROL)
    return control if isinstance(control, dict) else {}


def _document_change(
    kind: str, path: str, a: dict[str, Any] | None, b: dict[str, Any] | None, labels: Labels
) -> DocumentChange | None:
    ident = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = str((b or a or {}).get("title", ""))
    ca, cb = _control(a), _control(b)
    old_rev, new_rev = ca.get("revision"), cb.get("revision")
    old_status, new_status = str(ca.get("status", "")), str(cb.get("status", ""))
    note = str(cb.get("change_note", "") or "")

    def made(change: str, note: str = "", fields: tuple[FieldChange, ...] = ()) -> DocumentChange:
        return DocumentChange(kind, ident, title, change, old_rev, new_rev, old_status, new_status, note, fields)

    if a is None:
        return made("added", note)
    if b is None:
        return made("withdrawn")
    fields = tuple(_field_changes(kind, a, b, labels))
    if not fields and ca.get("revision") == cb.get("revision") and ca.get("status") == cb.get("status"):
        return None  # only formatting, comments or assessment marks changed
    if cb.get("status") == DocStatus.OBSOLETE and ca.get("status") != DocStatus.OBSOLETE:
        change = "withdrawn"
    elif ca.get("revision") != cb.get("revision"):
        change = "revised"
    else:
        change = "changed"
    return made(change, note if change == "revised" else "", fields)


def _field_changes(kind: str, a: dict[str, Any], b: dict[str, Any], labels: Labels) -> Iterator[FieldChange]:
    if content_fingerprint(a) == content_fingerprint(b):
        return
    old, new = _leaves(a), _leaves(b)
    for pointer in sorted(set(old) | set(new), key=lambda p: _order(p, old, new)):
        if pointer.startswith(f"/{CONTROL}") or f"/{ASSESSED}" in pointer or old.get(pointer) == new.get(pointer):
            continue
        before, after = old.get(pointer, ""), new.get(pointer, "")
        label = labels.label(kind, pointer, b if pointer in new else a)
        yield FieldChange(pointer, label, before, after, tuple(word_diff(before, after)))


def _order(pointer: str, old: Mapping[str, str], new: Mapping[str, str]) -> tuple[int, str]:
    keys = list(new) + [k for k in old if k not in new]
    return (keys.index(pointer), pointer)


def _leaves(node: Any, pointer: str = "") -> dict[str, str]:
    """JSON Pointer → text of every scalar (a list of scalars is one value, joined with ', ')."""
    if isinstance(node, dict):
        found: dict[str, str] = {}
        for key, value in node.items():
            found.update(_leaves(value, f"{pointer}/{key}"))
        return found
    if isinstance(node, list):
        if all(not isinstance(v, dict | list) for v in node):
            return {pointer: ", ".join(str(v) for v in node)}
        found = {}
        for i, value in enumerate(node):
            found.update(_leaves(value, f"{pointer}/{i}"))
        return found
    return {pointer: "" if node is None else str(node)}


def word_diff(old: str, new: str) -> Iterator[Words]:
    a, b = old.split(), new.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            yield Words("=", " ".join(a[i1:i2]))
            continue
        if i2 > i1:
            yield Words("-", " ".join(a[i1:i2]))
        if j2 > j1:
            yield Words("+", " ".join(b[j1:j2]))


def _statuses(data: Mapping[str, Any] | None) -> dict[str, str]:
    entries = (data or {}).get("entries") or []
    return {str(e.get("requirement")): str(e.get("status")) for e in entries if isinstance(e, dict)}


def _status_changes(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> Iterator[StatusChange]:
    old, new = _statuses(a), _statuses(b)
    for req in sorted(set(old) | set(new)):
        if old.get(req) != new.get(req):
            yield StatusChange(req, old.get(req, ""), new.get(req, ""))


def _risk_changes(path: str, a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> Iterator[RiskChange]:
    ident = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    title = str((b or a or {}).get("title", ""))
    score_a, score_b = _score(a), _score(b)
    if a is None:
        yield RiskChange(ident, title, "added", None, score_b)
    elif b is None:
        yield RiskChange(ident, title, "removed", score_a, None)
    else:
        if b.get("status") == RiskStatus.CLOSED and a.get("status") != RiskStatus.CLOSED:
            yield RiskChange(ident, title, "closed", score_a, score_b)
        if score_a != score_b:
            yield RiskChange(ident, title, "rescored", score_a, score_b)


def _score(data: Mapping[str, Any] | None) -> int | None:
    if data is None:
        return None
    p, s = data.get("probability"), data.get("severity")
    return p * s if isinstance(p, int) and isinstance(s, int) else None


@dataclass
class Labels:
    """Danish labels of fields from the schemas' titles (the one place they are declared)."""

    schema_dir: Path
    _schemas: dict[str, Any] = field(default_factory=dict)

    def _schema(self, name: str) -> Any:
        if name not in self._schemas:
            try:
                self._schemas[name] = json.loads((self.schema_dir / name).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._schemas[name] = {}
        return self._schemas[name]

    def _deref(self, node: Any, current: str) -> tuple[Any, str, str]:
        title = node.get("title", "") if isinstance(node, dict) else ""
        while isinstance(node, dict) and "$ref" in node:
            target, _, fragment = node["$ref"].partition("#")
            current = target or current
            found = self._schema(current)
            for part in fragment.strip("/").split("/") if fragment else []:
                found = found.get(part, {}) if isinstance(found, dict) else {}
            node = found
            title = title or (node.get("title", "") if isinstance(node, dict) else "")
        return node, current, title

    def label(self, kind: str, pointer: str, data: Any) -> str:
        node, current = self._schema(f"{kind}.schema.json"), f"{kind}.schema.json"
        parts: list[str] = []
        for part in pointer.strip("/").split("/"):
            if isinstance(data, list) and part.isdigit():
                item = data[int(part)] if int(part) < len(data) else {}
                data = item
                node, current, _ = self._deref(node.get("items", {}) if isinstance(node, dict) else {}, current)
                shown = item.get("id") or item.get("requirement") or item.get("term") if isinstance(item, dict) else None
                parts.append(str(shown) if shown else f"nr. {int(part) + 1}")
                continue
            data = data.get(part) if isinstance(data, dict) else None
            props = node.get("properties", {}) if isinstance(node, dict) else {}
            node, current, title = self._deref(props.get(part, {}), current)
            parts.append(title or part)
        return " › ".join(parts)


# ---- text report


CHANGE_WORDS = {"added": "tilføjet", "withdrawn": "trukket tilbage", "revised": "revideret", "changed": "ændret"}
RISK_WORDS = {"added": "ny", "removed": "fjernet", "closed": "lukket", "rescored": "ny score"}


def status_label(value: str) -> str:
    member = Conformity._value2member_map_.get(value)
    return member.label if isinstance(member, Conformity) else (value or "ingen post")


def text_report(found: Diff) -> str:
    lines = [f"Ændringer fra {found.old} til {found.new}"]
    if found.unchanged:
        lines.append("Håndbogens indhold er uændret (en genudgivelse).")
    for doc in found.documents:
        revision = ""
        if doc.change == "revised":
            revision = f" rev. {doc.old_revision} → {doc.new_revision}"
        lines.append(f"{doc.ident} {doc.title}: {CHANGE_WORDS[doc.change]}{revision}")
        if doc.change_note:
            lines.append(f"    ændringsnote: {' '.join(doc.change_note.split())}")
        for f in doc.fields:
            shown = " ".join(w.text if w.op == "=" else f"[{w.op}{w.text}{w.op}]" for w in f.words)
            lines.append(f"    {f.label}: {shown}")
    for s in found.statuses:
        lines.append(f"krav {s.requirement}: {status_label(s.old)} → {status_label(s.new)}")
    for r in found.risks:
        scores = f" (score {r.old_score} → {r.new_score})" if r.change == "rescored" else ""
        lines.append(f"risiko {r.ident} {r.title}: {RISK_WORDS[r.change]}{scores}")
    return "\n".join(_printable(line) for line in lines) + "\n"


def _printable(text: str) -> str:
    """Text from YAML is data in the terminal too: no control characters reach it."""
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in text)


def json_report(found: Diff) -> str:
    return json.dumps(found.to_json(), ensure_ascii=False, indent=2) + "\n"
