"""The `handbook` command: a thin door over the pipeline. Exit codes: 0 clean, 1 problems,
2 usage error, 3 internal error (details written to a log file, never a traceback)."""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from . import __version__
from .check import check
from .errors import OutputError, SiteBuildError, UsageError
from .report import REPORTERS, summary_line, text_report
from .ruleset import RULES
from .terminal import printable

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
PUBLIC_SITE, INTERNAL_SITE = "site", "site-internal"  # default output folders of `build`


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port; write a number from 1 to 65535")
    return int(text)


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
    bld = sub.add_parser("build", help="check, then build the static site (fails closed)")
    bld.add_argument("path", nargs="?", default=".", type=Path, help="repository root (default: .)")
    bld.add_argument(
        "--out", type=Path, help="output folder, replaced atomically (default: PATH/site, or PATH/site-internal)"
    )
    bld.add_argument(
        "--internal", action="store_true", help="the complete site with internal documents, marked internal"
    )
    bld.add_argument("--today", type=_date, help="date for review rules (default: settings or today)")
    bld.add_argument("--strict", action="store_true", help="treat warnings as failures")
    bld.add_argument("--quiet", action="store_true", help="no progress display (it is shown only on a terminal)")
    srv = sub.add_parser("serve", help="live preview on 127.0.0.1 that rebuilds when the YAML changes")
    srv.add_argument("path", nargs="?", default=".", type=Path, help="repository root (default: .)")
    srv.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000)")
    srv.add_argument("--today", type=_date, help="date for review rules (default: settings or today)")
    srv.add_argument("--internal", action="store_true", help="preview the internal site instead of the public one")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    result = check(args.path, args.today)
    sys.stdout.write(REPORTERS[args.format](result, args.strict))
    return EXIT_PROBLEMS if result.failed(args.strict) else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    for rule in RULES.values():
        print(f"{rule.id:26} {rule.severity.value:8} {rule.summary}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    # Imported here so `handbook check` never pays for loading the site builder.
    from .progress import Progress
    from .site.build import build_site, mkdocs_warnings_to

    progress = Progress.for_terminal(quiet=args.quiet)
    with progress.stage("checking the handbook"):
        result = check(args.path, args.today)
    if result.failed(args.strict):
        sys.stdout.write(text_report(result, args.strict))
        return EXIT_PROBLEMS
    default = INTERNAL_SITE if args.internal else PUBLIC_SITE
    out = args.out if args.out is not None else result.root / default
    try:
        with mkdocs_warnings_to(sys.stderr):
            outcome = build_site(result, out, internal=args.internal, progress=progress)
    except SiteBuildError as exc:
        print(f"handbook: the site was not built: {printable(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(summary_line(result))
    for warning in outcome.history.warnings:
        print(f"handbook: note: {printable(warning)}", file=sys.stderr)
    print(f"built {outcome.pages} pages into {outcome.out} (edition: {printable(outcome.history.edition.text)})")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve

    return serve(args.path, args.port, args.today, args.internal)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "rules": cmd_rules,
    "build": cmd_build,
    "serve": cmd_serve,
}


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwind like Ctrl+C does, so temporary folders are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = {sig: signal.signal(sig, _terminate) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return COMMANDS[args.command](args)
    except (UsageError, OutputError, SiteBuildError) as exc:
        print(f"handbook: error: {printable(exc)}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the environment, not the handbook: disk full, permissions, a busy port
        print(f"handbook: error: {describe_os_error(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except Terminated as exc:
        return 128 + exc.signum
    except Exception:
        return _internal_error()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


_OS_HINTS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "no permission",
    errno.EPERM: "not permitted",
    errno.EADDRINUSE: "the port is in use; choose another with --port",
    errno.EADDRNOTAVAIL: "the address is not available on this machine",
}


def describe_os_error(exc: OSError) -> str:
    """One line: what the system refused and where, in words a maintainer can act on."""
    what = _OS_HINTS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    where = f": {printable(exc.filename)}" if exc.filename else ""
    return f"{what}{where}"


def _internal_error() -> int:
    with tempfile.NamedTemporaryFile("w", prefix="handbook-crash-", suffix=".log", delete=False) as log:
        traceback.print_exc(file=log)
    print(
        f"handbook: internal error (a bug, not a problem in your files); details written to {log.name}", file=sys.stderr
    )
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
