"""One-line messages skip Rich (start-up speed) and still come out exactly as
Rich would write them: the same text, the same colours, in a terminal or piped."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

MESSAGES = [
    ("Added lead #12 'Fibre backbone' (tier B); new customer 'Acme' created.", "green"),
    ("Lead #3 looks like #12 'Fibre backbone' (submitted).", "yellow"),
    ("The verifier cannot be the submitter of lead #7.", "bold red"),
    ("光纤骨干网扩容 华南电网 (tier A)", "green"),
    ("[red]x[/red] \\x1b[31m literal", "dim"),
    ("plain", ""),
    ("bold words", "bold"),
    ("x" * 150, "green"),
    ("y" * 250, "green"),  # would wrap when piped: Rich does it
    ("  padded  ", "green"),  # Rich does it
    ("tab\\there", "green"),
]

SCRIPT = r"""
import sys, io
from rich.console import Console
from rich.text import Text
from ltc_tui.cli import common

for message, style in MESSAGES:
    for target in ("stdout", "stderr"):
        stream = getattr(sys, target)
        stream.write("<rich>"); stream.flush()
        if target == "stdout":
            common.console().print(Text(message, style=style))
        else:
            common._err_console().print(Text(message, style=style))
        stream.write("<ours>"); stream.flush()
        if not common.plain_line(message, style, stderr=target == "stderr"):
            stream.write("<fallback>")
        stream.write("<end>\n"); stream.flush()
"""


def _run(tmp_path, terminal: bool) -> str:
    script = tmp_path / "lines.py"
    script.write_text(f"MESSAGES = {MESSAGES!r}\n{SCRIPT}", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "TTY_COMPATIBLE")}
    env["TERM"] = "xterm-256color"
    if not terminal:
        result = subprocess.run([sys.executable, str(script)], capture_output=True, env=env, timeout=60)
        return result.stdout.decode() + result.stderr.decode()
    main, child = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, str(script)], stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(main)
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_one_line_messages_match_rich(tmp_path, terminal):
    output = _run(tmp_path, terminal)
    blocks = [b for b in output.split("<rich>") if b.strip()]
    assert len(blocks) == 2 * len(MESSAGES)
    took_the_shortcut = 0
    for block in blocks:
        rich_part, rest = block.split("<ours>")
        ours = rest.split("<end>")[0]
        if ours == "<fallback>":
            continue
        took_the_shortcut += 1
        assert ours == rich_part, (rich_part, ours)
    assert took_the_shortcut >= 2 * 7
    if terminal:
        assert "\x1b[32mAdded lead" in output
