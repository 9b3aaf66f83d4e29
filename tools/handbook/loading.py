"""Load and schema-check every document file, in parallel when the handbook is large.

Each file gives a Document or diagnostics. Up to a few hundred files a single process is
fastest; above that the files are split into chunks over worker processes (one per core),
each with its own compiled schemas, because parsing YAML is CPU-bound pure Python work.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .constants import SCHEMA_DIR
from .diagnostics import Diagnostic
from .files import Unreadable, read_limited
from .kinds import SETTINGS, SETTINGS_FILE, document_kinds
from .link import Document
from .ruleset import diagnose
from .schemas import SchemaSet, to_diagnostic
from .yamlload import load_bytes

PARALLEL_THRESHOLD = 2000
Outcome = tuple[Document | None, list[Diagnostic]]


def load_document(root: Path, rel: str, schemas: SchemaSet, max_bytes: int) -> Outcome:
    try:
        raw = read_limited(root, rel, max_bytes)  # never more than the bound: an oversize file is not parsed
    except Unreadable as exc:
        return None, [diagnose("FILE-SPECIAL", str(exc), file=rel)]
    return _load_raw(raw, rel, schemas, max_bytes)


class LoadCache:
    """The outcome of each file by its bytes, for a process that checks the same handbook again
    and again (the live preview): a file whose bytes, bound and schemas are unchanged is not
    parsed or validated again. (Its documents are plain data that nothing downstream changes.)"""

    def __init__(self) -> None:
        self._by_file: dict[str, tuple[bytes, int, SchemaSet, Outcome]] = {}

    def load(self, root: Path, rel: str, schemas: SchemaSet, max_bytes: int) -> Outcome:
        try:
            raw = read_limited(root, rel, max_bytes)
        except Unreadable as exc:
            self._by_file.pop(rel, None)
            return None, [diagnose("FILE-SPECIAL", str(exc), file=rel)]
        known = self._by_file.get(rel)
        if known is not None and known[0] == raw and known[1] == max_bytes and known[2] is schemas:
            return known[3]
        outcome = _load_raw(raw, rel, schemas, max_bytes)
        self._by_file[rel] = (raw, max_bytes, schemas, outcome)
        return outcome


def _load_raw(raw: bytes, rel: str, schemas: SchemaSet, max_bytes: int) -> Outcome:
    loaded = load_bytes(raw, rel, max_bytes=max_bytes)
    if loaded.data is None:
        return None, list(loaded.diagnostics)
    kind = loaded.data.get("kind")
    if not isinstance(kind, str) or kind not in schemas.validators:
        return None, [_unknown_kind(rel, kind, schemas)]
    if (kind == SETTINGS.name) != (rel == SETTINGS_FILE):
        return None, [_misplaced(rel, kind)]
    violations = schemas.violations(kind, loaded.data)
    if violations:
        return None, [to_diagnostic(rel, v) for v in violations]
    return Document(rel, kind, loaded.data), []


def _misplaced(rel: str, kind: str) -> Diagnostic:
    if kind == SETTINGS.name:
        message = f"{rel} holds settings (kind: settings); the settings live in {SETTINGS_FILE} only"
        return diagnose("SETTINGS-DUPLICATE", message, file=rel, pointer="/kind")
    message = f"{SETTINGS_FILE} must hold the settings (kind: settings), not a {kind}"
    return diagnose("KIND-UNKNOWN", message, file=rel, pointer="/kind")


def _unknown_kind(rel: str, kind: object, schemas: SchemaSet) -> Diagnostic:
    known = ", ".join(k.name for k in document_kinds() if k.name in schemas.validators)
    if kind is None:
        return diagnose("KIND-UNKNOWN", "the document has no 'kind' field", file=rel)
    return diagnose("KIND-UNKNOWN", f"unknown kind {kind!r}; expected one of: {known}", file=rel, pointer="/kind")


def load_all(
    root: Path, files: list[str], schemas: SchemaSet, max_bytes: int, cache: LoadCache | None = None
) -> list[Outcome]:
    if cache is not None:
        return [cache.load(root, rel, schemas, max_bytes) for rel in files]
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_THRESHOLD or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [load_document(root, rel, schemas, max_bytes) for rel in files]
    chunks = [files[i::workers * 4] for i in range(workers * 4)]
    context = multiprocessing.get_context("fork")
    by_file: dict[str, Outcome] = {}
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(root, max_bytes)) as pool:
        for packed, failures in pool.map(_load_chunk, chunks):
            by_file.update((rel, (Document(rel, kind, data), [])) for rel, kind, data in marshal.loads(packed))
            by_file.update((rel, (None, diags)) for rel, diags in failures)
    return [by_file[rel] for rel in files]


@dataclass
class _Worker:
    """What a worker process needs, set once when it starts."""

    root: Path
    max_bytes: int
    schemas: SchemaSet


_worker: list[_Worker] = []


def _init(root: Path, max_bytes: int) -> None:
    _worker.append(_Worker(root, max_bytes, SchemaSet(root / SCHEMA_DIR)))


def _load_chunk(chunk: list[str]) -> tuple[bytes, list[tuple[str, list[Diagnostic]]]]:
    """Valid documents travel back marshalled (plain data only; several times faster to send
    than pickle), the rare failures pickled with their diagnostics."""
    worker = _worker[0]
    valid, failures = [], []
    for rel in chunk:
        doc, diags = load_document(worker.root, rel, worker.schemas, worker.max_bytes)
        if doc is None:
            failures.append((rel, diags))
        else:
            valid.append((doc.path, doc.kind, doc.data))
    return marshal.dumps(valid), failures
