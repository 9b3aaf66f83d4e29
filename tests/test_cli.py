"""The command-line door: exit codes, formats, and no traceback for a user's mistake."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from handbook import cli
from handbook.cli import main


def test_clean_handbook_prints_summary(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(minimal)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.endswith("0 problems")
    assert out.startswith("9 documents, 17 references")


def test_problems_exit_1_with_file_line_rule_and_hint(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = minimal / "qms" / "procedures" / "PR-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("FSA: RA", "FSA: R"), encoding="utf-8")
    assert main(["check", str(minimal)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("qms/procedures/PR-01.yaml:19:7: RACI-ACCOUNTABLE ")
    assert lines[1].strip().startswith("hint: ")
    assert lines[-1].endswith("1 problems (1 errors, 0 warnings)")


def test_warnings_fail_only_with_strict(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = minimal / "qms" / "procedures" / "PR-01.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("next_review: 2027-11-16", "next_review: 2026-12-10"), encoding="utf-8"
    )
    assert main(["check", str(minimal)]) == 0
    assert main(["check", str(minimal), "--strict"]) == 1
    assert "REVIEW-DUE-SOON [warning]" in capsys.readouterr().out


def test_today_option_drives_date_rules(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(minimal), "--today", "2028-01-01", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["today"] == "2028-01-01"
    assert {d["rule"] for d in report["diagnostics"]} == {"REVIEW-OVERDUE"}


def test_severity_is_configurable_in_settings(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = minimal / "qms" / "handbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "rules:\n  REVIEW-OVERDUE: warning\n", encoding="utf-8")
    assert main(["check", str(minimal), "--today", "2028-01-01"]) == 0
    assert "REVIEW-OVERDUE [warning]" in capsys.readouterr().out


def test_loading_rules_cannot_be_switched_off(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = minimal / "qms" / "handbook.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "rules:\n  YAML-SYNTAX: 'off'\n", encoding="utf-8")
    (minimal / "qms" / "records" / "REC-01-1.yaml").write_text("a: [\n", encoding="utf-8")
    assert main(["check", str(minimal)]) == 1
    assert "YAML-SYNTAX" in capsys.readouterr().out


def test_json_format_is_stable(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal / "qms" / "records" / "REC-01-1.yaml").write_text("id: REC-01-1\nid: X\n", encoding="utf-8")
    assert main(["check", str(minimal), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["format_version"] == 1
    assert set(report["summary"]) == {
        "documents",
        "references",
        "problems",
        "errors",
        "warnings",
        "strict",
        "ok",
        "today",
    }
    assert report["diagnostics"][0] == {
        "file": "qms/records/REC-01-1.yaml",
        "line": 2,
        "column": 1,
        "pointer": "/id",
        "rule": "YAML-DUPLICATE-KEY",
        "severity": "error",
        "message": "duplicate key 'id' (first on line 1, again on line 2)",
        "hint": "Remove or rename one of the two keys; YAML would silently keep only the last.",
    }


def test_not_a_handbook_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 2
    assert "no qms/ folder" in capsys.readouterr().err


def test_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--today", "tomorrow"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_internal_error_is_reported_without_traceback(
    monkeypatch: pytest.MonkeyPatch, minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*args: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(cli, "check", boom)
    assert main(["check", str(minimal)]) == 3
    err = capsys.readouterr().err
    assert "internal error" in err and "Traceback" not in err
    log = Path(err.rsplit("written to ", 1)[1].strip())
    assert "simulated bug" in log.read_text(encoding="utf-8")
    log.unlink()


def test_console_script_runs(minimal: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "handbook.cli", "check", str(minimal)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "0 problems" in proc.stdout


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from handbook.ruleset import RULES

    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert all(rule in out for rule in RULES)


def test_schema_hints_come_from_the_schema(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = minimal / "qms" / "procedures" / "PR-01.yaml"
    text = path.read_text(encoding="utf-8").replace("purpose:", "purpse:").replace("approved: 2026-11-02", "approved: 2.11.2026")
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(minimal)]) == 1
    out = capsys.readouterr().out
    assert "unknown field 'purpse'" in out and "Did you mean 'purpose'?" in out
    assert "missing required field 'purpose'" in out and "hint: Hvorfor proceduren findes" in out
    assert "hint: Dato i formatet ÅÅÅÅ-MM-DD" in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [('{"a": ', "risk.schema.json:2:1: invalid JSON"), ('{"type": 5}', "not a valid JSON Schema at /type")],
)
def test_broken_schema_file_is_a_usage_error(minimal: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    (minimal / "qms" / "schemas" / "risk.schema.json").write_text(text + "\n", encoding="utf-8")
    assert main(["check", str(minimal)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
