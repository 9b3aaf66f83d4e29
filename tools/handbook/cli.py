"""The `handbook` command: a thin door over the pipeline. Exit codes: 0 clean, 1 problems,
2 usage error, 3 internal error (details written to a log file, never a traceback)."""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from . import __version__
from .check import UsageError, check
from .report import REPORTERS
from .ruleset import RULES

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Check and publish the K-PRO quality handbook.")
    parser.add_argument("--version", action="version", version=f"handbook {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="validate the handbook and report every problem")
    chk.add_argument("path", nargs="?", default=".", type=Path, help="repository root (default: .)")
    chk.add_argument("--format", choices=sorted(REPORTERS), default="text")
    chk.add_argument("--strict", action="store_true", help="treat warnings as failures")
    chk.add_argument("--today", type=_date, help="date for review rules (default: settings or today)")
    sub.add_parser("rules", help="list every rule id with its default severity")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    result = check(args.path, args.today)
    sys.stdout.write(REPORTERS[args.format](result, args.strict))
    return EXIT_PROBLEMS if result.failed(args.strict) else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    for rule in RULES.values():
        print(f"{rule.id:26} {rule.severity.value:8} {rule.summary}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"check": cmd_check, "rules": cmd_rules}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"handbook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception:
        return _internal_error()


def _internal_error() -> int:
    with tempfile.NamedTemporaryFile("w", prefix="handbook-crash-", suffix=".log", delete=False) as log:
        traceback.print_exc(file=log)
    print(
        f"handbook: internal error (a bug, not a problem in your files); details written to {log.name}", file=sys.stderr
    )
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
