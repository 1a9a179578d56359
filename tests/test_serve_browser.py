"""`ltc serve`: the app in a real browser (Debian's Chromium, headless).

The test starts `ltc serve` on a free port, loads the page in headless
Chromium (driven by Playwright, pointed at /usr/bin/chromium: no browser
download), and reads what the app sends to the page's terminal until the
lead pool with its leads appears. Without Chromium it is skipped, except
under CI=true where that is a failure (.ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ltc_tui.db import open_database
from ltc_tui.services import leads, people

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
# Collects every frame the app sends to the page, before the page's own scripts run.
RECORD_FRAMES = """
window.__frames = [];
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const ws = new Native(...args);
  ws.addEventListener('message', (ev) => window.__frames.push(ev.data));
  return ws;
};
window.WebSocket.prototype = Native.prototype;
Object.assign(window.WebSocket, Native);
"""
READ_FRAMES = """async () => {
  const out = [];
  for (const d of window.__frames) {
    if (typeof d === 'string') out.push(d);
    else if (d instanceof Blob) out.push(await d.text());
    else out.push(new TextDecoder().decode(d));
  }
  return out.join('');
}"""


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _need_browser() -> tuple[str, object]:
    binary = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None  # type: ignore[assignment]
    if binary is None or sync_playwright is None:
        what = "Chromium" if binary is None else "playwright"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is missing: under CI=true the browser test must run")
        pytest.skip(f"{what} is not installed")
    return binary, sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(f"ltc serve exited early: {proc.stdout.read() if proc.stdout else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError("ltc serve did not start listening")


def _serve(db_path: Path, port: int, *extra: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "ltc_tui", "--db", str(db_path), "--as", "ana", "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, start_new_session=True,
    )


def _stop(proc: subprocess.Popen) -> str:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        out, _ = proc.communicate(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
    return out or ""


@pytest.fixture
def pool_db(tmp_path: Path) -> Path:
    path = tmp_path / "serve.db"
    db = open_database(str(path))
    with db.session() as s:
        people.add_person(s, handle="ana", name="Ana Chair", roles=["chair"])
    with db.session(actor_id=1) as s:
        leads.add_lead(s, title="Rural coverage for Oaxaca", customer="Telmex", amount="12M")
        leads.add_lead(s, title="Campus Wi-Fi", customer="Universidad Norte")
    db.dispose()
    return path


def test_the_lead_pool_appears_in_a_browser(pool_db: Path):
    binary, sync_playwright = _need_browser()
    port = _free_port()
    server = _serve(pool_db, port)
    try:
        _wait_for_port(port, server)
        with sync_playwright() as pw:  # type: ignore[operator]
            browser = pw.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.add_init_script(RECORD_FRAMES)
            page.goto(f"http://127.0.0.1:{port}")
            seen = ""
            for _ in range(120):  # up to ~60 s on a slow machine
                page.wait_for_timeout(500)
                seen = page.evaluate(READ_FRAMES)
                if "Universidad Norte" in seen and "Rural coverage for Oaxaca" in seen:
                    break
            browser.close()
    finally:
        log = _stop(server)
    assert "Rural coverage for Oaxaca" in seen and "Universidad Norte" in seen, log[-2000:]
    assert "leads" in seen  # the status line: "1-2 of 2 leads"
    assert "Traceback" not in log


def test_serving_beyond_this_machine_warns(pool_db: Path):
    port = _free_port()
    server = _serve(pool_db, port, "--host", "0.0.0.0")
    try:
        _wait_for_port(port, server)
    finally:
        out = _stop(server)
    assert "Warning: listening on 0.0.0.0" in out
    assert "without a password" in out


def test_serve_binds_to_loopback_by_default(pool_db: Path):
    port = _free_port()
    server = _serve(pool_db, port)
    try:
        _wait_for_port(port, server)
        addresses = {a for a in _listening_addresses(port)}
    finally:
        out = _stop(server)
    assert addresses and addresses <= {"127.0.0.1"}, addresses
    assert "Warning" not in out


def _listening_addresses(port: int) -> list[str]:
    """Local addresses listening on ``port`` (from /proc/net/tcp, IPv4)."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            octets = [str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)]
            found.append(".".join(octets))
    return found
