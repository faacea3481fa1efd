"""The reader's feed refresh (`R`, and every `refresh_minutes`): `parallax fetch --events` runs
in a separate process (fetching and cleaning never run in the reader's process); its JSON lines
come back here as they are printed, so progress and new articles show while it runs.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any

from parallax.index.config import Config

__all__ = ["fetch_command", "run_fetch"]

# Starts the command line in the child with the same `parallax` package as this process (an
# installed one, or a checkout put on the path by a test or a dev wrapper).
_BOOTSTRAP = """
import importlib.util, sys, types
if importlib.util.find_spec("parallax") is None:
    m = types.ModuleType("parallax"); m.__path__ = PATHS; sys.modules["parallax"] = m
from parallax.tui.cli import main
sys.exit(main(sys.argv[1:]))
"""


def fetch_command(config: Config) -> list[str]:
    """The command that fetches every feed for this config and prints one event per line."""
    import parallax

    bootstrap = _BOOTSTRAP.replace("PATHS", repr(list(parallax.__path__)))
    command = [sys.executable, "-c", bootstrap]
    if len(config.files) > 1:  # the user's own config file (the shipped one is found anyway)
        command += ["--config", str(config.files[-1])]
    return [*command, "--data-dir", str(config.data_dir), "fetch", "--events"]


async def run_fetch(config: Config, on_event: Callable[[dict[str, Any]], None]) -> int:
    """Run the fetch, calling `on_event` with each event (the last one has kind "done", or
    kind "error" with a `reason` when the run could not start or ended badly); its exit code."""
    try:
        proc = await asyncio.create_subprocess_exec(
            *fetch_command(config),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            stdin=asyncio.subprocess.DEVNULL,
        )
    except OSError as err:
        on_event({"kind": "error", "reason": f"cannot start the fetch: {err}"})
        return 2
    assert proc.stdout is not None and proc.stderr is not None
    stderr_task = asyncio.ensure_future(proc.stderr.read())
    finished = False
    try:
        async for raw in proc.stdout:
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if isinstance(event, dict):
                finished = finished or event.get("kind") == "done"
                on_event(event)
        code = await proc.wait()
    except asyncio.CancelledError:  # the reader quits: the fetch stops with it
        if proc.returncode is None:
            proc.terminate()
            await proc.wait()
        raise
    errors = (await stderr_task).decode("utf-8", "replace").strip().splitlines()
    if not finished:
        last = next((line for line in reversed(errors) if line.strip()), f"exit code {code}")
        on_event({"kind": "error", "reason": last.removeprefix("parallax: ")})
    return code
