"""``ltc serve``: the app in a browser (textual-serve), for the meeting room's projector."""

from __future__ import annotations

import ipaddress
import os
import shlex
import sys

import typer

from ltc_tui.cli import common as c


def _loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but loopback lets others on the network in (a warning is printed)."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    ) -> None:
        """Run the app for a browser (each browser tab gets its own app), e.g. to project the committee meeting."""
        db = c.open_db()  # fail here, clearly, rather than in every browser tab
        from ltc_tui.services.people import acting_handle

        try:
            from textual_serve.server import Server
        except ImportError:
            c.say("cli.serve.missing", style="bold red")
            raise typer.Exit(1) from None
        # The app processes read the database and the person from the environment,
        # so a URL's password never shows on a command line.
        os.environ["LTC_DB"] = str(db.url.render_as_string(hide_password=False))
        handle = acting_handle(c.state.actor)
        if handle:
            os.environ["LTC_USER"] = handle
        if c.state.lang:
            os.environ["LTC_LANG"] = c.state.lang
        db.dispose()
        if not _loopback(host):
            c.warn("cli.serve.exposed", host=host, port=port)
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
        c.say("cli.serve.running", url=url, where=db.display, style="green")
        command = f"{shlex.quote(sys.executable)} -m ltc_tui"
        Server(command, host=host, port=port, title="ltc").serve()
