"""Strict YAML loading: bytes in, plain JSON-like data or diagnostics out, never an exception.

PyYAML's event parser (libyaml when available) is used, but the data is built here so that
the YAML 1.1 surprises cannot happen: only `true`/`false`, `null`/`~`/empty and canonical
integers are typed; everything else (`no`, `on`, `2026.10`, `10:30`, `012`, dates) stays the
text as typed. Anchors, aliases, merge keys and explicit tags are refused, so alias bombs
cannot expand and no constructor ever runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .constants import MAX_FILE_BYTES
from .diagnostics import Diagnostic, pointer_join
from .ruleset import diagnose

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
MAX_DEPTH = 40

Position = tuple[int, int]


@dataclass(frozen=True)
class Loaded:
    """A file's outcome: `data` is None exactly when `diagnostics` holds an error."""

    path: str
    data: dict[str, Any] | None
    diagnostics: tuple[Diagnostic, ...] = ()
    positions: dict[str, Position] = field(default_factory=dict)


class _Reject(Exception):
    """Internal control flow only: converted to a Diagnostic before leaving this module."""

    def __init__(self, rule: str, message: str, line: int, column: int, pointer: str = "") -> None:
        super().__init__(message)
        self.rule, self.message, self.line, self.column, self.pointer = rule, message, line, column, pointer


def load_bytes(raw: bytes, path: str, *, max_bytes: int = MAX_FILE_BYTES, positions: bool = False) -> Loaded:
    """Load one file's bytes. With `positions`, also map every JSON Pointer to (line, col)."""
    if len(raw) > max_bytes:
        return _fail(path, "YAML-TOO-LARGE", f"file is {len(raw):,} bytes; the bound is {max_bytes:,}", 0, 0)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        return _fail(path, "YAML-ENCODING", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", line, col)
    return load_text(text.removeprefix("\ufeff"), path, positions=positions)


def load_text(text: str, path: str, *, positions: bool = False) -> Loaded:
    builder = _Builder(positions)
    try:
        data = builder.build(text)
    except _Reject as exc:
        return _fail(path, exc.rule, exc.message, exc.line, exc.column, exc.pointer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(filter(None, [exc.context, exc.problem])) or "invalid YAML"
        return _fail(path, "YAML-SYNTAX", problem, line, col)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # reader errors, e.g. control characters
        return _fail(path, "YAML-SYNTAX", _reader_message(exc), *_reader_position(exc, text))
    return Loaded(path, data, (), builder.positions)


def _fail(path: str, rule: str, message: str, line: int, col: int, pointer: str = "") -> Loaded:
    return Loaded(path, None, (diagnose(rule, message, file=path, line=line, column=col, pointer=pointer),))


def _byte_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before) - (before.rfind(b"\n") + 1) + 1
    return line, col


def _reader_message(exc: Exception) -> str:
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
        return f"control character U+{char:04X} is not allowed in YAML"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _reader_position(exc: Exception, text: str) -> Position:
    offset = getattr(exc, "position", None)
    if not isinstance(offset, int):
        return 0, 0
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def resolve_plain(value: str) -> Any:
    """Type a plain (unquoted) scalar the YAML 1.2 JSON way, keeping everything else as text."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    return value


class _Frame:
    """One open mapping or sequence. Its JSON Pointer is computed only when needed (an error,
    or a position map), from the parent chain, so a normal load builds no pointer strings."""

    __slots__ = ("container", "is_map", "key", "key_lines", "parent", "part")

    def __init__(self, container: dict[str, Any] | list[Any], parent: _Frame | None, part: object) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.parent = parent
        self.part = part
        self.key: str | None = None
        self.key_lines: dict[str, int] = {}

    @property
    def pointer(self) -> str:
        parts = []
        frame: _Frame | None = self
        while frame is not None and frame.parent is not None:
            parts.append(frame.part)
            frame = frame.parent
        return pointer_join(*reversed(parts))


_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Builder:
    """Builds plain data from parser events. This loop is the hot path of a 10,000-document
    check, so it dispatches on the exact event type and keeps work per scalar minimal."""

    def __init__(self, positions: bool) -> None:
        self.want_positions = positions
        self.positions: dict[str, Position] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def build(self, text: str) -> dict[str, Any]:
        parser = _Parser(text)
        try:
            self._consume(parser)
        finally:
            parser.dispose()
        if self.documents == 0 or self.root is None:
            raise _Reject("YAML-NOT-MAPPING", "the file is empty", 1, 1)
        if not isinstance(self.root, dict):
            raise _Reject("YAML-NOT-MAPPING", f"the document is a {_kind(self.root)}, not a mapping", 1, 1)
        return self.root

    def _consume(self, parser: Any) -> None:
        get_event = parser.get_event
        stack = self.stack
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    self._refuse(event)
                frame = stack[-1] if stack else None
                if frame is not None and frame.is_map and frame.key is None:
                    self._key(frame, event)
                else:
                    if self.want_positions:
                        self.positions[self._child_pointer()] = _mark(event)
                    self._attach(event.value if event.style else resolve_plain(event.value))
            elif kind in _ENDS:
                stack.pop()
            elif kind is _MAP_START or kind is _SEQ_START:
                self._open(event, {} if kind is _MAP_START else [])
            elif kind is yaml.AliasEvent:
                raise _Reject("YAML-ALIAS", f"alias *{event.anchor} is not allowed", *_mark(event), self._child_pointer())
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise _Reject("YAML-MULTI-DOC", "a second YAML document starts here", *_mark(event))

    def _refuse(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
        if event.anchor is not None:
            raise _Reject("YAML-ALIAS", f"anchor &{event.anchor} is not allowed", *_mark(event), self._child_pointer())
        raise _Reject("YAML-TAG", f"tag {event.tag} is not allowed", *_mark(event), self._child_pointer())

    def _open(self, event: yaml.CollectionStartEvent, container: dict[str, Any] | list[Any]) -> None:
        if event.anchor is not None or event.tag is not None:
            self._refuse(event)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_map and frame.key is None:
            raise _Reject("YAML-KEY", "a mapping key must be plain text, not a list or mapping", *_mark(event), frame.pointer)
        if self.want_positions:
            self.positions[self._child_pointer()] = _mark(event)
        if len(self.stack) >= MAX_DEPTH:
            raise _Reject("YAML-DEPTH", f"nesting deeper than {MAX_DEPTH} levels", *_mark(event), self._child_pointer())
        part = (frame.key if frame.is_map else len(frame.container)) if frame is not None else ""
        self._attach(container)
        self.stack.append(_Frame(container, frame, part))

    def _key(self, frame: _Frame, event: yaml.ScalarEvent) -> None:
        key = event.value
        line = _mark(event)[0]
        if key in frame.key_lines or (key == "<<" and not event.style):
            self._bad_key(frame, event, key)
        frame.key_lines[key] = line
        frame.key = key
        if self.want_positions:
            self.positions[pointer_join_to(frame.pointer, key) + "#key"] = _mark(event)

    def _bad_key(self, frame: _Frame, event: yaml.ScalarEvent, key: str) -> None:
        line, col = _mark(event)
        if key not in frame.key_lines:
            raise _Reject("YAML-ALIAS", "merge key << is not allowed", line, col, frame.pointer)
        message = f"duplicate key '{key}' (first on line {frame.key_lines[key]}, again on line {line})"
        raise _Reject("YAML-DUPLICATE-KEY", message, line, col, pointer_join_to(frame.pointer, key))

    def _child_pointer(self) -> str:
        if not self.stack:
            return ""
        frame = self.stack[-1]
        if frame.is_map:
            return pointer_join_to(frame.pointer, frame.key if frame.key is not None else "")
        return pointer_join_to(frame.pointer, len(frame.container))

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            frame.container[frame.key or ""] = value  # a key always precedes its value
            frame.key = None
        else:
            frame.container.append(value)


def pointer_join_to(base: str, part: object) -> str:
    return base + pointer_join(part)


def _mark(event: yaml.Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if value is None:
        return "empty value"
    return "single value"
