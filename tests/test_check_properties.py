"""No input produces a traceback: the whole check survives random damage to valid documents."""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.check import check

from .conftest import assemble, json_paths, parent_of

BASE = Path(tempfile.mkdtemp(prefix="hb-prop-")) / "hb"
assemble(None, BASE)
FILES = sorted(p.relative_to(BASE).as_posix() for p in BASE.glob("qms/**/*.yaml"))
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 6),
    st.sampled_from(["", "FSA", "PR-01", "REC-01-1", "CAT-1", "RISK-01", "DEV-A", "KOMMUNE", "NOPE", "RA", "A", "AA", "effective",
                     "obsolete", "met", "2026-01-01", "2030-01-01", "not-applicable"]),
    st.lists(st.sampled_from(["PR-01", "FSA", "CAT-1", "NOPE"]), max_size=3),
    st.dictionaries(st.sampled_from(["FSA", "KOMMUNE", "X"]), st.sampled_from(["A", "R", "RA", "I"]), max_size=3),
)



@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_check_never_raises_on_damaged_documents(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "hb"
        shutil.copytree(BASE, root)
        for rel in data.draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=3, unique=True)):
            doc = yaml.safe_load((root / rel).read_text(encoding="utf-8")) or {}
            doc = copy.deepcopy(doc)
            for _ in range(data.draw(st.integers(1, 3))):
                path = data.draw(st.sampled_from(json_paths(doc)[1:] or [("id",)]))
                parent = parent_of(doc, path)
                if isinstance(parent, (dict, list)):
                    parent[path[-1]] = data.draw(VALUES)
            (root / rel).write_text(yaml.safe_dump(doc, allow_unicode=True, default_flow_style=False), encoding="utf-8")
        result = check(root)
        assert all(d.line >= 0 and d.rule and d.message for d in result.diagnostics)
