"""Unit tests for the strict YAML loader."""

from __future__ import annotations

import pytest

from handbook.yamlload import MAX_DEPTH, load_bytes, resolve_plain


def rules(raw: bytes) -> list[str]:
    return [d.rule for d in load_bytes(raw, "f.yaml").diagnostics]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("2026.10", "2026.10"),
        ("10:30", "10:30"),
        ("012", "012"),
        ("2026-10-01", "2026-10-01"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        ("0x1F", "0x1F"),
        ("42", 42),
        ("-7", -7),
        ("0", 0),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
    ],
)
def test_plain_scalars_keep_text_as_typed(typed: str, expected: object) -> None:
    assert resolve_plain(typed) == expected
    assert type(resolve_plain(typed)) is type(expected)


def test_quoted_scalars_are_always_text() -> None:
    data = load_bytes(b"a: \"42\"\nb: 'true'\nc: |\n  multi\n", "f").data
    assert data == {"a": "42", "b": "true", "c": "multi\n"}


def test_keys_stay_text() -> None:
    assert load_bytes(b"on: 1\n12: 2\nnull: 3\n", "f").data == {"on": 1, "12": 2, "null": 3}


def test_duplicate_key_names_both_lines() -> None:
    diag = load_bytes(b"id: A\ntitle: x\nid: B\n", "f").diagnostics[0]
    assert diag.rule == "YAML-DUPLICATE-KEY"
    assert (diag.line, diag.column) == (3, 1)
    assert "line 1" in diag.message and "line 3" in diag.message


def test_duplicate_key_in_nested_mapping() -> None:
    diag = load_bytes(b"a:\n  b: 1\n  b: 2\n", "f").diagnostics[0]
    assert (diag.rule, diag.line, diag.pointer) == ("YAML-DUPLICATE-KEY", 3, "/a/b")


@pytest.mark.parametrize(
    ("raw", "rule"),
    [
        (b"a: &x 1\n", "YAML-ALIAS"),
        (b"a: [1]\nb: *x\n", "YAML-ALIAS"),
        (b"<<: {a: 1}\n", "YAML-ALIAS"),
        (b"a: !!python/object/apply:os.system [ls]\n", "YAML-TAG"),
        (b"a: !!str 1\n", "YAML-TAG"),
        (b"a: !custom x\n", "YAML-TAG"),
        (b"- a\n- b\n", "YAML-NOT-MAPPING"),
        (b"just text\n", "YAML-NOT-MAPPING"),
        (b"", "YAML-NOT-MAPPING"),
        (b"# only a comment\n", "YAML-NOT-MAPPING"),
        (b"a: 1\n---\nb: 2\n", "YAML-MULTI-DOC"),
        (b"a: \xff\n", "YAML-ENCODING"),
        (b"a: [1\n", "YAML-SYNTAX"),
        (b"a: \x07\n", "YAML-SYNTAX"),
        (b"? [a, b]\n: 1\n", "YAML-KEY"),
    ],
)
def test_rejections(raw: bytes, rule: str) -> None:
    result = load_bytes(raw, "f.yaml")
    assert result.data is None
    assert rules(raw) == [rule]
    assert result.diagnostics[0].message


def test_alias_bomb_is_refused_without_expansion() -> None:
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
        for i in range(20)
    )
    assert rules(bomb) == ["YAML-ALIAS"]


def test_size_bound() -> None:
    result = load_bytes(b"a: " + b"x" * 2000 + b"\n", "f", max_bytes=1000)
    assert [d.rule for d in result.diagnostics] == ["YAML-TOO-LARGE"]


def test_depth_bound() -> None:
    deep = b"a: " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\n"
    assert rules(deep) == ["YAML-DEPTH"]


def test_utf8_bom_and_danish_letters() -> None:
    data = load_bytes("\ufefftitel: Æblegrød på Ærø\n".encode(), "f").data
    assert data == {"titel": "Æblegrød på Ærø"}


def test_encoding_error_position() -> None:
    diag = load_bytes(b"a: 1\nb: x\xe6y\n", "f").diagnostics[0]
    assert (diag.rule, diag.line, diag.column) == ("YAML-ENCODING", 2, 5)


def test_every_value_pointer_maps_to_line_and_column() -> None:
    raw = b"id: PR-01\nactivities:\n  - id: A1\n    raci: {FSA: RA, KOMMUNE: I}\n    steps:\n      - Trin et\n"
    pos = load_bytes(raw, "f", positions=True).positions
    assert pos["/id"] == (1, 5)
    assert pos["/activities/0/id"] == (3, 9)
    assert pos["/activities/0/raci/KOMMUNE"] == (4, 30)
    assert pos["/activities/0/raci/KOMMUNE#key"] == (4, 21)
    assert pos["/activities/0/steps/0"] == (6, 9)


def test_pointer_escapes_slash_and_tilde() -> None:
    pos = load_bytes(b"a/b: 1\nc~d: 2\n", "f", positions=True).positions
    assert "/a~1b" in pos and "/c~0d" in pos
