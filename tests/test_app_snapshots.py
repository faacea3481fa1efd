"""SVG snapshots of the reader on the seed corpus: the main screen, a search, the help screen
and the 80×24 layout. Fixed data (a private copy of the seed data folder), a fixed `today`,
the default theme and no cursor blink, so they depend on nothing but the code.

Update them with `pytest tests/test_app_snapshots.py --snapshot-update` and look at the
report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# conftest.py's `snapshot` (a folder-contents helper) hides syrupy's, which snap_compare needs.
from syrupy import snapshot  # noqa: F401
from test_app import TODAY, copy_data, ready, seed_data, settle  # noqa: F401 - the fixture
from textual.pilot import Pilot
from textual.widgets import Input

from parallax.tui.app import ParallaxApp


@pytest.fixture
def app(seed_data: Path, tmp_path: Path) -> ParallaxApp:  # noqa: F811
    return ParallaxApp(copy_data(seed_data, tmp_path / "data"), today=TODAY)


def _then(*keys: str):
    """A run_before that waits for the load, types `keys`, and waits for what they start."""

    async def run_before(pilot: Pilot) -> None:
        pilot.app.query_one(Input).cursor_blink = False
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
        await settle(pilot)

    return run_before


def test_main_screen(snap_compare, app: ParallaxApp) -> None:
    assert snap_compare(app, terminal_size=(140, 45), run_before=_then())


def test_search(snap_compare, app: ParallaxApp) -> None:
    keys = ("slash", *"Kiev", "enter", "enter")  # search, into the list, open the first hit
    assert snap_compare(app, terminal_size=(140, 45), run_before=_then(*keys))


def test_help_screen(snap_compare, app: ParallaxApp) -> None:
    assert snap_compare(app, terminal_size=(120, 40), run_before=_then("question_mark"))


def test_80x24(snap_compare, app: ParallaxApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_then("slash", *"Kiev", "enter"))
