"""The compare screen (tui/screens/compare.py) and the mentions screen, driven in a tiny host
app on the seed corpus: headers, aligned rows, speakers, differences only, Enter, text as data,
stacked rows at 80 columns; SVG snapshots at 140×45 and 80×24."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from seed_ids import BUSINESS_STANDARD as BUSINESS
from seed_ids import EUNEWS, HURRIYET

# conftest.py's `snapshot` (a folder-contents helper) hides syrupy's, which snap_compare needs.
from syrupy import snapshot  # noqa: F401
from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from parallax.index.api import Corpus, load_config
from parallax.index.compare import compare
from parallax.index.model import Article
from parallax.index.textio import strip_control_chars
from parallax.tui.screens.compare import (
    MARK_WIDTH,
    CompareRows,
    CompareScreen,
    OpenSentence,
    column_widths,
    side_by_side,
)
from parallax.tui.screens.mentions import MentionsScreen

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_dir(
    tmp_path_factory: pytest.TempPathFactory, seeded_folder: Callable[[Path], Path]
) -> Path:
    return seeded_folder(tmp_path_factory.mktemp("compare-screen"))


@pytest.fixture(scope="module")
def corpus(seed_dir: Path) -> Corpus:
    return Corpus.open(load_config(seed_dir / "config.toml", seed_dir / "data", env={}))


class Host(App[None]):
    """Pushes one screen and records the sentences it asks to open."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make_screen = make_screen
        self.opened: list[tuple[str, int | None, str]] = []

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.push_screen(self._make_screen())

    def on_open_sentence(self, message: OpenSentence) -> None:
        self.opened.append((message.article_id, message.sentence, message.field))


def shown(widget: Widget) -> str:
    """What the widget draws, line by line."""
    return "\n".join(widget.render_line(y).text for y in range(widget.size.height))


def row_text(screen: CompareScreen, n: int) -> str:
    """Row n of the list as laid out (also rows scrolled out of view)."""
    return str(screen.query_one(CompareRows).get_option_at_index(n).prompt)


async def ready(pilot: Any) -> CompareScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


def find_row(screen: CompareScreen, words: str) -> int:
    """The row holding the sentence with these words."""
    c = screen.comparison
    found = [
        n
        for n, row in enumerate(screen.shown)
        if any(words in c.sentence(i, k).text for i, cell in row.cells.items() for k in cell)
    ]
    assert len(found) == 1, (words, found)
    return found[0]


async def test_two_outlets_side_by_side(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        assert not screen.stacked
        headers = shown(screen.query_one("#compare-headers"))
        assert "Eunews" in headers and "Business Standard" in headers
        assert "27 Feb 2025" in headers and "agency: AP" in headers
        # A reworded pair sits in one row, the two wordings side by side on the same lines.
        n = find_row(screen, "illicit activities")
        text = row_text(screen, n)
        assert text.startswith("≈ reworded")
        assert "unlawful activities" in text
        row = screen.shown[n]
        assert row.kind == "reworded" and len(row.cells) == 2
        first = text.splitlines()[0]
        for article_id in (EUNEWS, BUSINESS):
            i = row.first(article_id)
            opening = " ".join(corpus.sentences(article_id)[i].text.split()[:2])
            assert f"{i} {opening}" in first  # both wordings start on the row's first line
        # The Lavrov quote, with its speaker under it in both columns.
        assert text.count("Lavrov") >= 2 and "— Serge" in text
        # A sentence only Eunews has.
        costa = row_text(screen, find_row(screen, "called Recep Tayyip Erdogan"))
        assert costa.startswith("· only here") and "called Recep" in " ".join(costa.split())
        summary = shown(screen.query_one("#compare-summary"))
        assert "reworded" in summary and "Sergei Lavrov" in summary and "Sergey Lavrov" in summary


async def test_the_summary_gives_a_quote_as_quoted(corpus: Corpus) -> None:
    # Business Standard reports Putin's words without marks ("…, Putin said."), Eunews quotes
    # them: the summary's line gives the words as quoted, whichever article comes first.
    app = Host(lambda: CompareScreen.for_articles(corpus, [BUSINESS, EUNEWS]))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        summary = shown(screen.query_one("#compare-summary"))
        assert "raise some hopes" in summary
        assert "hopes, Putin said" not in summary


async def test_differences_only_hides_what_all_tell(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        everything = list(screen.shown)
        assert any(r.kind == "reworded" for r in everything)
        await pilot.press("d")
        assert screen.differences_only
        assert 0 < len(screen.shown) < len(everything)
        assert all(r.kind == "unique" for r in screen.shown)  # two articles: shared = by all
        assert "differences only" in shown(screen.query_one("#compare-title"))
        assert screen.query_one(CompareRows).option_count == len(screen.shown)
        await pilot.press("d")
        assert screen.shown == everything


async def test_enter_posts_the_sentence_of_the_chosen_outlet(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        n = find_row(screen, "illicit activities")
        row = screen.shown[n]
        screen.query_one(CompareRows).highlighted = n
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [(EUNEWS, row.first(EUNEWS), "body")]
        await pilot.press("right", "enter")
        await pilot.pause()
        assert app.opened[-1] == (BUSINESS, row.first(BUSINESS), "body")
        assert "▸ Business Standard" in shown(screen.query_one("#compare-headers"))
        # A row Business Standard lacks opens the outlet that has it.
        only = find_row(screen, "called Recep Tayyip Erdogan")
        screen.query_one(CompareRows).highlighted = only
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened[-1] == (EUNEWS, screen.shown[only].first(EUNEWS), "body")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_at_80_columns_outlets_stack(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        assert screen.stacked
        n = find_row(screen, "illicit activities")
        lines = row_text(screen, n).splitlines()
        assert lines[0].strip() == "≈ reworded"
        labels = [line.strip() for line in lines if line.strip() in ("Eunews", "Business Standard")]
        assert labels == ["Eunews", "Business Standard"]  # one block under the other
        headers = shown(screen.query_one("#compare-headers")).splitlines()
        assert "Eunews" in headers[0] and "Business Standard" in headers[1]
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert not screen.stacked
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.stacked


class CraftedCorpus:
    """Two articles whose text looks like markup and terminal codes."""

    def __init__(self) -> None:
        hostile = "[bold]x[/] said \x1b[31mred\x1b[0m things about [link=http://a]talks[/link]."
        self.articles = [
            (
                "a",
                Article(
                    title="[Live] a", outlet="[b]Outlet A[/b]", published=date(2025, 2, 27),
                    paragraphs=[hostile, "Ministers met in Geneva on Monday for talks."],
                ),
            ),
            (
                "b",
                Article(
                    title="b", outlet="Outlet B", published=date(2025, 2, 28),
                    paragraphs=["Ministers met in Geneva on Monday for talks.", "Other news."],
                ),
            ),
        ]  # fmt: skip

    def compare(self, ids: list[str]) -> Any:
        return compare([a for a in self.articles if a[0] in ids])


async def test_article_text_is_shown_as_written() -> None:
    fake = CraftedCorpus()
    app = Host(lambda: CompareScreen.for_articles(fake, ["a", "b"]))
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await ready(pilot)
        rows = " ".join(shown(screen.query_one(CompareRows)).split())
        assert "[bold]x[/] said red things about [link=http://a]talks[/link]." in rows
        assert "\x1b" not in rows and "[31m" not in rows
        assert "[b]Outlet A[/b]" in shown(screen.query_one("#compare-headers"))


async def test_a_comparison_that_cannot_be_made_says_why(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, "no-such-article"]))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await ready(pilot)
        summary = shown(screen.query_one("#compare-summary"))
        assert "Cannot compare:" in summary and "no-such-article" in summary
        assert screen.comparison is None and not screen.query_one(CompareRows).loading


async def test_meeting_compare_and_its_mentions(corpus: Corpus) -> None:
    main = next(m for m, role in corpus.meetings_of(EUNEWS) if role == "main")
    mentioned = [m for m, role in corpus.meetings_of(EUNEWS) if role == "mention"]
    riyadh = next(m for m in mentioned if m.place == "Riyadh")
    app = Host(lambda: CompareScreen.for_meeting(corpus, main.id))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        assert {a.id for a in screen.comparison.articles} == {EUNEWS, BUSINESS}
        assert main.label in shown(screen.query_one("#compare-title"))
        await pilot.press("M")
        mentions = await ready(pilot)
        assert isinstance(mentions, MentionsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

    app = Host(lambda: MentionsScreen(corpus, riyadh.id))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        assert {m.article_id for m in screen.mentions} == {EUNEWS, BUSINESS, HURRIYET}
        assert all(m.role == "mention" for m in screen.mentions)
        text = shown(screen.query_one(CompareRows))
        assert "Riyadh" in shown(screen.query_one("#mentions-title"))
        assert "Hürriyet Daily News" in text and "mentions it" in text
        body = next(n for n, m in enumerate(screen.mentions) if m.field == "body")
        screen.query_one(CompareRows).highlighted = body
        await pilot.press("enter")
        await pilot.pause()
        m = screen.mentions[body]
        assert m.sentence is not None
        assert app.opened == [(m.article_id, m.sentence, "body")]
        assert corpus.sentences(m.article_id)[m.sentence].start <= m.start


async def test_mentions_on_an_articles_compare_are_off(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        await pilot.press("M")
        await pilot.pause()
        assert app.screen is screen


def _snapshot_app(seed_dir: Path) -> Host:
    corpus = Corpus.open(load_config(seed_dir / "config.toml", seed_dir / "data", env={}))
    return Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))


async def _at_first_shared_row(pilot: Any) -> None:
    """Wait for the comparison, then put the first shared row at the top of the list."""
    screen = await ready(pilot)
    rows = screen.query_one(CompareRows)
    rows.highlighted = next(n for n, r in enumerate(screen.shown) if r.kind != "unique")
    rows.scroll_to_highlight(top=True)
    await pilot.pause()


@pytest.mark.parametrize("size", [(140, 45), (80, 24)], ids=["wide", "80"])
def test_snapshot(snap_compare: Any, seed_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(
        _snapshot_app(seed_dir), terminal_size=size, run_before=_at_first_shared_row
    )


def by_cells(line: str, start: int, end: int) -> str:
    """The characters of `line` between cell offsets start and end."""
    out, x, inside, previous = [], 0, False, " "
    for char in line:
        width = cell_len(char)
        # A zero-width (combining) character goes with the character before it, unless that
        # is padding or a gap between columns.
        if width or previous.isspace():
            inside = start <= x < end
        if inside:
            out.append(char)
        x += width
        previous = char
    return "".join(out)


@given(
    texts=st.lists(st.text(max_size=200), min_size=1, max_size=6),
    width=st.integers(min_value=20, max_value=200),
)
def test_side_by_side_keeps_every_character_within_its_column(texts: list[str], width: int):
    widths = column_widths(width, len(texts))
    if width >= MARK_WIDTH + 3 * len(texts):  # room for two cells a column and the gaps
        assert sum(widths) + len(widths) - 1 == width  # the columns fill the width exactly
    cells = [Content(strip_control_chars(t)) for t in texts]
    lines = side_by_side([Content("mark"), *cells], widths)
    for line in lines:
        assert line.cell_length <= sum(widths) + len(widths) - 1
    for n, cell in enumerate(cells, start=1):
        start = sum(widths[:n]) + n
        column = "".join(by_cells(str(line), start, start + widths[n]) for line in lines)
        assert "".join(column.split()) == "".join(cell.plain.split())


async def test_n_goes_from_shared_row_to_shared_row(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        rows = screen.query_one(CompareRows)
        shared = [n for n, r in enumerate(screen.shown) if r.kind != "unique"]
        assert len(shared) >= 2 and rows.highlighted == 0
        for n in shared:
            await pilot.press("n")
            assert rows.highlighted == n
        await pilot.press("n")  # none further: stays
        assert rows.highlighted == shared[-1]
        await pilot.press("N")
        assert rows.highlighted == shared[-2]
        await pilot.press("j", "G")
        assert rows.highlighted == len(screen.shown) - 1


async def test_a_theme_change_redraws_with_the_new_theme(corpus: Corpus) -> None:
    app = Host(lambda: CompareScreen.for_articles(corpus, [EUNEWS, BUSINESS]))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await ready(pilot)
        rows = screen.query_one(CompareRows)
        before = rows.get_option_at_index(0).prompt
        app.theme = "textual-light"
        await pilot.pause()
        after = rows.get_option_at_index(0).prompt
        assert str(after) == str(before)
        assert [span.style for span in after.spans] != [span.style for span in before.spans]


class SlowCorpus(CraftedCorpus):
    """Compares only once let go, so a test can close the screen first."""

    def __init__(self) -> None:
        super().__init__()
        import threading

        self.go = threading.Event()

    def compare(self, ids: list[str]) -> Any:
        self.go.wait(5)
        return super().compare(ids)


async def test_closing_while_comparing_is_fine() -> None:
    slow = SlowCorpus()
    app = Host(lambda: CompareScreen.for_articles(slow, ["a", "b"]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.query_one(CompareRows).loading
        await pilot.press("escape")
        await pilot.pause()
        slow.go.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen) and app.is_running
