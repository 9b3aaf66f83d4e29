"""`handbook serve`: loopback only, only its own Host, a clear message for a busy port, and no
temporary folders left behind when it is stopped with SIGTERM."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
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


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    root = make_handbook(tmp_path / "hb")
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
