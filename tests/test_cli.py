"""The `parallax` command line (and the reader it launches), driven through `main([...])`."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from parallax.index.config import load_config
from parallax.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EUNEWS_ID = "eunews-ukraine-second-round-of-us-russia-talks-in-istanbul"
CLEAN_KEYS = [
    "title", "standfirst", "outlet", "author", "published", "dateline", "agency", "section",
    "url", "language", "body",
]  # fmt: skip

Snapshot = Callable[[Path], dict[str, bytes]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def words(seed: int, n: int = 80) -> str:
    rng = random.Random(seed)
    vocabulary = [f"{a}{b}" for a in ("ka", "lo", "mi", "ven", "dor", "tus") for b in "aeiourst"]
    return " ".join(rng.choice(vocabulary) for _ in range(n)) + "."


def page(title: str, body: str, outlet: str = "Daily Example", nav: str = "• Politics") -> str:
    """A file the fake cleaner reads: header lines, a blank line, the body."""
    return f"title: {title}\noutlet: {outlet}\ndrop: {nav}\n\n{body}\n"


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("parallax: ")
    return lines[0]


# ---- clean ----------------------------------------------------------------------------------


def test_clean_json_is_one_object_with_the_contract_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_cleaner: object, data_dir: Path
) -> None:
    source = tmp_path / "story.txt"
    source.write_text(page("Talks [Live]", "First para.\n\nSecond “para”."), encoding="utf-8")
    code, out, _ = run(capsys, "clean", str(source), "--json")
    assert code == 0
    obj = json.loads(out)
    assert list(obj) == CLEAN_KEYS
    assert obj["title"] == "Talks [Live]"
    assert obj["body"] == "First para.\n\nSecond “para”."
    assert "“para”" in out  # ensure_ascii=False
    assert not data_dir.exists()  # clean touches nothing


def test_clean_explain_lists_each_change_with_its_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_cleaner: object
) -> None:
    source = tmp_path / "story.txt"
    source.write_text(page("Talks", "Body."), encoding="utf-8")
    code, out, _ = run(capsys, "clean", str(source), "--explain")
    assert code == 0
    assert "L3 drop navigation: • Politics" in out.splitlines()
    assert "L1 meta header: title: Talks" in out.splitlines()


def test_clean_explain_shows_the_markdown_headline_dropped_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "clipped.md"
    source.write_text(
        "---\ntitle: Talks end\n---\n\n# Talks end\n\nThe talks ended on Sunday.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "clean", str(source), "--explain")
    assert code == 0
    assert "L5 drop title: # Talks end" in out.splitlines()


def test_clean_applies_the_config_override(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_cleaner: object,
    user_config: Callable[[str], Path],
) -> None:
    user_config('[overrides."story.txt"]\noutlet = "Override Times"\npublished = 2025-05-16')
    source = tmp_path / "story.txt"
    source.write_text(page("Talks", "Body."), encoding="utf-8")
    code, out, _ = run(capsys, "clean", str(source), "--json")
    assert code == 0
    obj = json.loads(out)
    assert (obj["outlet"], obj["published"]) == ("Override Times", "2025-05-16")
    code, out, _ = run(capsys, "clean", str(source), "--explain")
    assert "config meta config override: outlet: Daily Example -> outlet: Override Times" in out


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "empty"), (b"\x00\x01\x02PK\x03\x04" * 100, "binary")],
)
def test_clean_refuses_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    code, out, err = run(capsys, "clean", str(source))
    assert code == 1
    assert out == ""
    assert expected in one_line_error(err)


def test_clean_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "clean", str(tmp_path / "nope.txt"))
    assert code == 1
    assert "no such file" in one_line_error(err)


# ---- add ------------------------------------------------------------------------------------


def test_add_prints_a_line_per_file_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_cleaner: object, data_dir: Path
) -> None:
    (tmp_path / "a.txt").write_text(page("Alpha story", words(1)), encoding="utf-8")
    (tmp_path / "b.txt").write_text(page("Beta story", words(2)), encoding="utf-8")
    code, out, _ = run(capsys, "add", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("added") and lines[0].endswith("-> daily-example-alpha-story")
    assert lines[1].startswith("added") and lines[1].endswith("-> daily-example-beta-story")
    assert lines[2] == "2 files: 2 added"
    assert (data_dir / "articles" / "daily-example-alpha-story.md").is_file()

    code, out, _ = run(capsys, "add", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 0
    assert out.splitlines()[-1] == "2 files: 2 unchanged"


def test_add_a_folder_of_200_with_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_cleaner: object, data_dir: Path
) -> None:
    folder = tmp_path / "scrapes"
    (folder / "sub").mkdir(parents=True)
    for n in range(196):
        where = folder / "sub" if n % 2 else folder
        (where / f"{n:03}.txt").write_text(page(f"Story {n}", words(n)), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)) * 8)
    (folder / "blank.txt").write_bytes(b"   \n\n")
    latin1 = page("Café story", "Le café de l'élève. " + words(999), "Le Monde", nav="Menu")
    (folder / "latin1.txt").write_bytes(latin1.encode("latin-1"))
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")

    code, out, _ = run(capsys, "add", str(folder))
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == "200 files: 197 added, 3 failed"
    failed = [line for line in lines if line.startswith("failed")]
    assert len(failed) == 3
    assert any("empty.txt" in line and "empty" in line.split(":", 1)[1] for line in failed)
    assert any("binary.txt" in line and "binary" in line for line in failed)
    assert any("blank.txt" in line and "whitespace" in line for line in failed)
    assert len(list((data_dir / "articles").glob("*.md"))) == 197
    code, out, _ = run(capsys, "show", "le-monde-cafe-story", "--json")
    assert json.loads(out)["body"].startswith("Le café de l'élève.")


def test_a_failed_run_changes_nothing_stored(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_cleaner: object,
    data_dir: Path,
    snapshot: Snapshot,
) -> None:
    (tmp_path / "good.txt").write_text(page("Good story", words(1)), encoding="utf-8")
    assert run(capsys, "add", str(tmp_path / "good.txt"))[0] == 0
    before = snapshot(data_dir)
    assert before

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    code, out, _ = run(
        capsys, "add", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
        str(tmp_path / "missing.txt"), str(tmp_path / "*.nothing"),
    )  # fmt: skip
    assert code == 1
    assert out.splitlines()[-1] == "4 files: 4 failed"
    assert snapshot(data_dir) == before


def test_a_cleaner_crash_fails_that_file_and_the_rest_carry_on(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_cleaner: Callable[..., object],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    import parallax.index.cleaner as cleaner

    def crashing(text: str, **kwargs: object) -> object:
        if "Crash" in text:
            raise RuntimeError("boom")
        return fake_cleaner(text, **kwargs)

    monkeypatch.setattr(cleaner, "clean_text", crashing)
    (tmp_path / "a.txt").write_text(page("Crash", words(1)), encoding="utf-8")
    (tmp_path / "b.txt").write_text(page("Fine", words(2)), encoding="utf-8")
    code, out, _ = run(capsys, "add", str(tmp_path))
    assert code == 1
    assert "the cleaner crashed (RuntimeError: boom)" in out
    assert out.splitlines()[-1] == "2 files: 1 added, 1 failed"


def test_add_merges_copies_and_keeps_two_outlets_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_cleaner: object, data_dir: Path
) -> None:
    body = words(5, 200)
    (tmp_path / "1-full.txt").write_text(page("Summit planned", body, "Eunews"), encoding="utf-8")
    (tmp_path / "2-body.txt").write_text(body + "\n", encoding="utf-8")
    (tmp_path / "3-wire.txt").write_text(page("Summit planned", body, "Reuters"), encoding="utf-8")
    code, out, _ = run(capsys, "add", str(tmp_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("merged") and lines[1].endswith("into eunews-summit-planned")
    assert lines[-1] == "3 files: 2 added, 1 merged"


def test_data_dir_option_after_the_subcommand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_cleaner: object
) -> None:
    (tmp_path / "a.txt").write_text(page("Alpha", words(1)), encoding="utf-8")
    store = tmp_path / "elsewhere"
    assert run(capsys, "add", str(tmp_path / "a.txt"), "--data-dir", str(store))[0] == 0
    assert (store / "articles" / "daily-example-alpha.md").is_file()


# ---- articles / show / edit -----------------------------------------------------------------


@pytest.fixture
def stored(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_cleaner: object,
    data_dir: Path,
    user_config: Callable[[str], Path],
) -> Path:
    """A corpus of two articles from a configured source folder (no seeds)."""
    sources = tmp_path / "news"
    sources.mkdir()
    (sources / "a.txt").write_text(page("[bold]Live[/] talks", words(1), "Eunews"), "utf-8")
    (sources / "b.txt").write_text(page("Hürriyet reports", words(2), "Hürriyet"), "utf-8")
    user_config(f'sources = ["{sources}"]')
    assert run(capsys, "articles")[0] == 0
    return data_dir


def test_articles_json(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "articles", "--json")
    assert code == 0
    listing = json.loads(out)
    assert [a["id"] for a in listing] == ["eunews-bold-live-talks", "hurriyet-hurriyet-reports"]
    first = listing[0]
    assert list(first) == [
        "id",
        "title",
        "outlet",
        "published",
        "author",
        "agency",
        "sources",
        "words",
    ]
    assert first["sources"] == [str(stored.parent / "news" / "a.txt")]
    assert first["words"] == 80
    assert "Hürriyet" in out


def test_articles_table_prints_titles_as_written(
    stored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "articles")
    assert code == 0
    assert "[bold]Live[/] talks" in out
    assert "eunews-bold-live-talks" in out


def test_show_json_is_front_matter_plus_body(
    stored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", "eunews-bold-live-talks", "--json")
    assert code == 0
    obj = json.loads(out)
    assert list(obj) == [
        "title", "standfirst", "outlet", "author", "published", "dateline", "agency",
        "section", "url", "language", "words", "sources", "body", "sentences", "quotes",
    ]  # fmt: skip
    assert obj["quotes"] == []  # no quotation marks in its words
    assert obj["title"] == "[bold]Live[/] talks"
    assert obj["sources"][0]["path"].endswith("a.txt") and len(obj["sources"][0]["sha256"]) == 64
    assert obj["body"] == words(1)


def test_show_prints_text_not_markup_and_no_escape_codes(
    stored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = stored / "articles" / "eunews-bold-live-talks.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: '[bold]Live[/] talks'", 'title: "\\e[31m[red]Red[/]"'))
    code, out, _ = run(capsys, "show", "eunews-bold-live-talks")
    assert code == 0
    assert out.splitlines()[0] == "[red]Red[/]"  # the escape sequence removed whole
    assert "\x1b" not in out


def test_show_unknown_id(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "eunews-live")
    assert code == 1
    line = one_line_error(err)
    assert 'no article "eunews-live"' in line and '"eunews-bold-live-talks"' in line


def _editor(tmp_path: Path, code: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\nt = p.read_text()\n" + code,
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def test_edit_then_add_keeps_the_edit(
    stored: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(
        "VISUAL", _editor(tmp_path, "p.write_text(t.replace('[bold]Live[/] talks', 'Mine'))")
    )
    code, _, err = run(capsys, "edit", "eunews-bold-live-talks")
    assert (code, err) == (0, "")
    source = stored.parent / "news" / "a.txt"
    source.write_text(page("Changed", words(1) + " More.", "Eunews"), encoding="utf-8")
    code, out, _ = run(capsys, "add", str(source))
    assert out.startswith("updated")
    obj = json.loads(run(capsys, "show", "eunews-bold-live-talks", "--json")[1])
    assert obj["title"] == "Mine"
    assert obj["body"].endswith("More.")


def test_edit_that_breaks_the_front_matter_is_reported(
    stored: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(
        "EDITOR", _editor(tmp_path, "p.write_text(t.replace('outlet:', 'outlet: [', 1))")
    )
    code, _, err = run(capsys, "edit", "eunews-bold-live-talks")
    assert code == 1
    assert "broken" in one_line_error(err) and "parallax edit eunews-bold-live-talks" in err
    # The other article still lists; the broken one is reported, not lost.
    code, out, err = run(capsys, "articles", "--json")
    assert [a["id"] for a in json.loads(out)] == ["hurriyet-hurriyet-reports"]
    assert "eunews-bold-live-talks.md" in err
    assert (stored / "articles" / "eunews-bold-live-talks.md").read_text().count("outlet: [") == 1


# ---- errors ---------------------------------------------------------------------------------


def test_bad_config_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], user_config: Callable[[str], Path]
) -> None:
    conf = user_config('max_file_mb = "ten"')
    code, _, err = run(capsys, "articles")
    assert code == 2
    assert one_line_error(err) == (
        f'parallax: config {conf}: key "max_file_mb" must be a whole number of megabytes'
        ' (got "ten")'
    )


def test_missing_config_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--config", str(tmp_path / "none.toml"), "articles")
    assert code == 2
    assert "no such file" in one_line_error(err)


def test_usage_error_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frobnicate")
    assert code == 2
    assert "frobnicate" in one_line_error(err)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("parallax 0.")


def test_subcommands_do_not_import_textual(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Plain words in a file.\n", encoding="utf-8")
    probe = (
        "import importlib.util, sys, types\n"
        "if importlib.util.find_spec('parallax') is None:\n"
        f"    m = types.ModuleType('parallax'); m.__path__ = [{str(ROOT)!r}]\n"
        "    sys.modules['parallax'] = m\n"
        "from parallax.tui.cli import main\n"
        f"main(['clean', {str(source)!r}, '--json'])\n"
        f"main(['--data-dir', {str(tmp_path / 'data')!r}, 'articles', '--json'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe + "print('textual' in sys.modules)"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.stdout.strip().endswith("False"), done.stderr


def test_no_subcommand_launches_the_reader(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    from parallax.tui.app import ParallaxApp

    launched: list[ParallaxApp] = []
    monkeypatch.setattr(ParallaxApp, "run", lambda self, *a, **k: launched.append(self))
    assert run(capsys)[0] == 0
    assert len(launched) == 1 and launched[0].config.data_dir == data_dir


# ---- the reader -----------------------------------------------------------------------------


async def test_reader_lists_articles_as_text(stored: Path) -> None:
    from parallax.tui.app import ParallaxApp
    from parallax.tui.widgets.article_list import ArticleList

    app = ParallaxApp(load_config())
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.load_done:
            await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one(ArticleList)
        assert table.row_count == 2
        titles = {str(table.get_row_at(i)[2]) for i in range(2)}
        assert "[bold]Live[/] talks" in titles  # shown as written, not parsed as markup
        assert all(b.id and b.description for b in app.BINDINGS)  # type: ignore[union-attr]
        await pilot.press("q")
    assert app.return_code == 0


# ---- the real cleaner on the seeds ----------------------------------------------------------


def test_seeds_make_four_articles(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "articles", "--json")
    assert code == 0
    listing = {a["id"]: a for a in json.loads(out)}
    assert len(listing) == 4
    eunews = listing[EUNEWS_ID]
    assert sorted(Path(p).name for p in eunews["sources"]) == [
        "000_fad7630cc9c38f46.txt",
        "001_df3f194443e8ec7b.txt",
    ]
    assert eunews["published"] == "2025-02-27"
    outlets = sorted(a["outlet"] for a in listing.values())
    assert outlets == ["Business Standard", "EconoTimes", "Eunews", "Hürriyet Daily News"]

    # A second run reads nothing new (the configured seeds: installed, or the checkout's).
    (configured,) = load_config().sources
    code, out, _ = run(capsys, "add", str(configured))
    assert out.splitlines()[-1] == "5 files: 5 unchanged"


def test_seed_001_alone_then_000_merges_into_the_eunews_id(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "add", str(SEEDS / "001_df3f194443e8ec7b.txt"))
    code, out, _ = run(capsys, "add", str(SEEDS / "000_fad7630cc9c38f46.txt"))
    assert code == 0
    assert out.splitlines()[0].endswith(f"into {EUNEWS_ID}")
    obj = json.loads(run(capsys, "show", EUNEWS_ID, "--json")[1])
    assert obj["title"].startswith("Ukraine, second round of US-Russia talks in Istanbul")
    assert obj["url"] == "https://www.eunews.it/en/?p=419969"
    assert len(obj["sources"]) == 2
    assert [p.stem for p in (data_dir / "articles").glob("*.md")] == [EUNEWS_ID]


def _quotes_of(capsys: pytest.CaptureFixture[str], article_id: str) -> dict[str, dict]:
    obj = json.loads(run(capsys, "show", article_id, "--json")[1])
    assert list(obj)[-2:] == ["sentences", "quotes"]
    by_text = {}
    for q in obj["quotes"]:
        assert list(q) == ["sentence", "text", "speaker"]
        # The quote starts in its sentence (the numbering of `sentences` and of compare).
        assert q["text"].split()[0] in obj["sentences"][q["sentence"]]
        assert q["text"] in obj["body"]
        by_text[q["text"]] = q
    return by_text


def _speaker(quotes: dict[str, dict], words: str) -> str | None:
    (found,) = [q for text, q in quotes.items() if words in text]
    return found["speaker"]


def test_show_json_lists_the_seeds_quotes_with_their_speakers(
    real_cleaner: None, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    listing = {a["outlet"]: a["id"] for a in json.loads(run(capsys, "articles", "--json")[1])}
    eunews = _quotes_of(capsys, listing["Eunews"])
    assert _speaker(eunews, "we appreciate Turkey’s role") == "António Costa"
    assert _speaker(eunews, "Good phone call") == "António Costa"  # his post, without marks
    assert _speaker(eunews, "illicit activities") == "Sergei Lavrov"
    assert _speaker(eunews, "raise some hopes") == "Vladimir Putin"
    assert _speaker(eunews, "determined to maintain instability") == "Vladimir Putin"
    assert not any(q["text"] == "table" for q in eunews.values())  # scare quotes
    business = _quotes_of(capsys, listing["Business Standard"])
    # Marks lost in the scrape: a quote left open, and one closed without opening.
    assert _speaker(business, "unlawful activities") == "Sergey Lavrov"
    assert _speaker(business, "Western elites are still determined") == "Vladimir Putin"
    hurriyet = _quotes_of(capsys, listing["Hürriyet Daily News"])
    assert _speaker(hurriyet, "The question is about starting") == "Sergei Ryabkov"
    assert _speaker(hurriyet, "very useful") == "Sergey Lavrov"
    econotimes = _quotes_of(capsys, listing["EconoTimes"])
    assert _speaker(econotimes, "decorative") == "Volodymyr Zelenskiy"


def test_clean_seed_json(real_cleaner: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "clean", str(SEEDS / "002_7461ed768f0a8300.txt"), "--json")
    assert code == 0
    obj = json.loads(out)
    assert list(obj) == CLEAN_KEYS
    assert obj["outlet"] == "Hürriyet Daily News"
    assert obj["url"].startswith("https://www.hurriyetdailynews.com/preparations-for-trump-putin")
