"""`handbook serve`: loopback only, only its own Host, a clear message for a busy port, and no
temporary folders left behind when it is stopped with SIGTERM."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import TODAY, make_handbook


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, host: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/index.html", headers={"Host": host})
    status = conn.getresponse().status
    conn.close()
    return status


def _text(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = conn.getresponse()
        return response.read().decode("utf-8") if response.status == 200 else ""
    finally:
        conn.close()


def _until(port: int, path: str, test: Callable[[str], bool], what: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        try:
            seen = _text(port, path)
        except OSError:
            seen = ""
        if test(seen):
            return seen
        time.sleep(0.2)
    pytest.fail(f"{path}: {what} did not happen within {timeout:.0f} s; last seen:\n{seen[-800:]}")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    root = make_handbook(tmp_path / "hb")  # at tmp_path / "hb": the tests below edit it
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = _free_port()
    cmd = [sys.executable, "-m", "handbook.cli", "serve", str(root), "--port", str(port), "--today", TODAY.isoformat()]
    proc = subprocess.Popen(cmd, env={**os.environ, "TMPDIR": str(scratch)}, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _get(port, f"127.0.0.1:{port}")
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"serve exited {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("serve did not answer within 120 s")
    try:
        yield proc, port, scratch
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def test_serve_answers_only_its_own_loopback_host(preview: tuple[subprocess.Popen[str], int, Path]) -> None:
    _, port, _ = preview
    assert _get(port, f"127.0.0.1:{port}") == 200
    assert _get(port, f"localhost:{port}") == 200
    assert _get(port, f"attacker.example:{port}") == 421
    assert _get(port, "127.0.0.1") == 421


def test_sigterm_stops_serve_and_removes_its_temporary_folders(preview: tuple[subprocess.Popen[str], int, Path]) -> None:
    proc, _, scratch = preview
    assert any(scratch.iterdir()), "serve should be working in the scratch temp folder"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    assert list(scratch.iterdir()) == []


def test_a_busy_port_is_a_message_not_a_crash(tmp_path: Path) -> None:
    root = make_handbook(tmp_path / "hb")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        cmd = [sys.executable, "-m", "handbook.cli", "serve", str(root), "--port", str(port)]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 1, done.stderr
    assert "the port is in use" in done.stderr and "internal error" not in done.stderr


STATUS = "/assets/handbook/preview-status.json"


def test_an_edit_shows_the_problems_keeps_the_last_good_page_and_then_the_fix(
    preview: tuple[subprocess.Popen[str], int, Path], tmp_path: Path
) -> None:
    _, port, _ = preview
    root = tmp_path / "hb"
    page = "/procedures/PR-02.html"
    assert "preview.js" in _text(port, page), "the preview's banner script is not on the page"
    procedure = root / "qms" / "procedures" / "PR-02.yaml"
    _edit(procedure, "purpose: Hændelser meldes og behandles.", "purpose: Hændelser meldes straks af alle.")
    _until(port, page, lambda html: "meldes straks af alle" in html, "the edited purpose showing")

    # A broken edit: the last good page stays, and the problem is listed for the banner.
    _edit(procedure, "status: effective", "status: gyldig")
    status = _until(port, STATUS, lambda text: "PR-02.yaml" in text, "the problem being listed")
    assert json.loads(status)["problems"], status
    assert "meldes straks af alle" in _text(port, page)

    _edit(procedure, "status: gyldig", "status: effective")
    _until(port, STATUS, lambda text: json.loads(text or "{}").get("problems") == [], "the problems clearing")


def test_a_changed_mkdocs_yml_is_picked_up_without_a_restart(
    preview: tuple[subprocess.Popen[str], int, Path], tmp_path: Path
) -> None:
    _, port, _ = preview
    config = tmp_path / "hb" / "mkdocs.yml"
    _edit(config, "site_description: ", "site_description: Ny beskrivelse til test. ")
    for path in ("/index.html", "/procedures/PR-01.html", "/raci.html"):
        _until(port, path, lambda html: "Ny beskrivelse til test." in html, f"{path} using the new mkdocs.yml")
