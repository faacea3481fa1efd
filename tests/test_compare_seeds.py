"""Comparing the seeds (../shared/SEEDS.md): the reworded pairs, the Lavrov quote, the
spellings, what only Eunews says; and `parallax compare` / `parallax show --json` on them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from seed_ids import BUSINESS_STANDARD as BUSINESS
from seed_ids import ECONOTIMES, EUNEWS, HURRIYET

from parallax.index.api import Corpus, load_config
from parallax.index.compare import Comparison, compare
from parallax.tui.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def data_dir(
    tmp_path_factory: pytest.TempPathFactory, seeded_folder: Callable[[Path], Path]
) -> Path:
    return seeded_folder(tmp_path_factory.mktemp("compare"))


@pytest.fixture(scope="module")
def corpus(data_dir: Path) -> Corpus:
    return Corpus.open(load_config(data_dir / "config.toml", data_dir / "data", env={}))


@pytest.fixture(scope="module")
def two(corpus: Corpus) -> Comparison:
    return corpus.compare([EUNEWS, BUSINESS])


def index_of(c: Comparison, article_id: str, words: str) -> int:
    found = [i for i, s in enumerate(c.article(article_id).sentences) if words in s.text]
    assert len(found) == 1, (words, found)
    return found[0]


def kind_of(c: Comparison, a: tuple[str, int], b: tuple[str, int]) -> str | None:
    for p in c.pairs:
        if {p.a, p.b} == {a, b}:
            return p.kind
    return None


@pytest.mark.parametrize(
    "eunews_words, business_words",
    [
        ("illicit activities", "unlawful activities"),
        ("raise some hopes", "encourage certain hopes"),
    ],
)
def test_the_seed_rewordings_are_aligned_as_reworded(
    two: Comparison, eunews_words: str, business_words: str
) -> None:
    a = (EUNEWS, index_of(two, EUNEWS, eunews_words))
    b = (BUSINESS, index_of(two, BUSINESS, business_words))
    assert kind_of(two, a, b) == "reworded"
    row = next(r for r in two.rows if a[1] in r.cells.get(EUNEWS, ()))
    assert b[1] in row.cells[BUSINESS] and row.kind == "reworded"


def test_a_sentence_split_in_two_keeps_both_halves(two: Comparison) -> None:
    """Eunews' one sentence on Putin's hopes is two in Business Standard."""
    a = (EUNEWS, index_of(two, EUNEWS, "raise some hopes"))
    b = (BUSINESS, index_of(two, BUSINESS, "colossal amount"))
    assert kind_of(two, a, b) == "reworded"


def test_the_lavrov_quote_is_matched_with_lavrov_as_speaker(two: Comparison) -> None:
    groups = [q for q in two.quotes if "illicit activities" in q.texts.get(EUNEWS, "")]
    assert len(groups) == 1
    quote = groups[0]
    assert "unlawful activities" in quote.texts[BUSINESS]
    assert quote.speaker is not None and "Lavrov" in quote.speaker


def test_a_quote_the_other_outlet_printed_without_marks_is_matched(two: Comparison) -> None:
    groups = [q for q in two.quotes if "raise some hopes" in q.texts.get(EUNEWS, "")]
    assert len(groups) == 1 and "encourage certain hopes" in groups[0].texts[BUSINESS]
    assert groups[0].speaker is not None and "Putin" in groups[0].speaker


def test_the_summary_says_who_writes_each_spelling(two: Comparison) -> None:
    from parallax.index.compare.report import summary_lines

    (line,) = [s for s in summary_lines(two) if s.startswith("Spelled differently")]
    # Eunews writes the country both ways; the Portuguese accent only Eunews, both ways.
    assert "Turkey (Eunews, Business Standard) / Türkiye (Eunews)" in line
    assert "Antonio Costa / António Costa (both in Eunews)" in line
    assert "Sergei Lavrov (Eunews) / Sergey Lavrov (Business Standard)" in line


def test_speakers_per_sentence(two: Comparison) -> None:
    i = index_of(two, EUNEWS, "the Kremlin leader warned")
    assert two.speakers[EUNEWS][i] == "Vladimir Putin"
    j = index_of(two, BUSINESS, "Kremlin spokesman Dmitry Peskov said")
    assert two.speakers[BUSINESS][j] == "Dmitry Peskov"


def test_costas_call_to_erdogan_is_unique_to_eunews(two: Comparison) -> None:
    i = index_of(two, EUNEWS, "António Costa, called Recep Tayyip Erdogan")
    assert i in two.unique[EUNEWS]
    assert not [p for p in two.pairs if (EUNEWS, i) in (p.a, p.b)]
    row = next(r for r in two.rows if i in r.cells.get(EUNEWS, ()))
    assert row.kind == "unique" and list(row.cells) == [EUNEWS]


def test_the_costa_quote_has_costa_as_speaker(two: Comparison) -> None:
    quote = next(q for q in two.quotes if "difficult times" in q.texts.get(EUNEWS, ""))
    assert quote.speaker == "António Costa" and list(quote.texts) == [EUNEWS]


def test_spellings_that_differ(corpus: Corpus) -> None:
    c = corpus.compare([EUNEWS, BUSINESS, HURRIYET, ECONOTIMES])
    spellings = {v.entity: v.spellings for v in c.variants}
    lavrov = next(s for e, s in spellings.items() if "Lavrov" in e)
    assert lavrov[EUNEWS] == "Sergei Lavrov"
    assert lavrov[BUSINESS] == lavrov[HURRIYET] == "Sergey Lavrov"
    kyiv = next(s for e, s in spellings.items() if e in ("Kyiv", "Kiev"))
    assert kyiv == {EUNEWS: "Kyiv", HURRIYET: "Kiev", ECONOTIMES: "Kyiv"}
    zelensky = next(s for e, s in spellings.items() if "Zelensk" in e)
    assert zelensky[ECONOTIMES].endswith("Zelenskiy") and zelensky[EUNEWS].endswith("Zelensky")
    turkey = next(s for e, s in spellings.items() if e in ("Turkey", "Türkiye"))
    assert set(turkey[EUNEWS].split(" / ")) == {"Turkey", "Türkiye"}


def test_every_sentence_is_in_one_row_once(corpus: Corpus) -> None:
    ids = [EUNEWS, BUSINESS, HURRIYET, ECONOTIMES]
    c = corpus.compare(ids)
    for a in c.articles:
        seen = [i for r in c.rows for i in r.cells.get(a.id, ())]
        assert sorted(seen) == list(range(len(a.sentences)))
    assert c.rows[0].cells.get(EUNEWS) == (0,)  # the first article's order leads


def test_wire_background_shared_by_two_ap_stories_is_aligned_not_syndicated(
    corpus: Corpus,
) -> None:
    """Business Standard and Hürriyet are two AP stories with a background paragraph in
    common: the paragraph is aligned, but they are not one wire story."""
    c = corpus.compare([BUSINESS, HURRIYET])
    a = (BUSINESS, index_of(c, BUSINESS, "No Ukrainian officials were present"))
    b = (HURRIYET, index_of(c, HURRIYET, "No Ukrainian officials were present"))
    assert kind_of(c, a, b) in ("same", "reworded")
    assert c.syndication == []


def test_json_contract(corpus: Corpus, two: Comparison) -> None:
    obj = two.to_json()
    assert list(obj) == ["articles", "pairs", "unique", "quotes", "variants", "syndication"]
    assert obj["articles"] == [EUNEWS, BUSINESS]
    for p in obj["pairs"]:
        assert list(p) == ["a", "b", "kind", "score"] and p["kind"] in ("same", "reworded")
        assert p["a"][0] in obj["articles"] and isinstance(p["a"][1], int)
    for q in obj["quotes"]:
        assert list(q) == ["speaker", "texts"]
    json.dumps(obj)


def test_compare_is_order_independent_in_what_it_finds(corpus: Corpus) -> None:
    one = corpus.compare([EUNEWS, BUSINESS])
    other = corpus.compare([BUSINESS, EUNEWS])
    assert {frozenset((p.a, p.b)) for p in one.pairs} == {
        frozenset((p.a, p.b)) for p in other.pairs
    }


def test_compare_of_plain_articles_without_the_corpus() -> None:
    from parallax.index.model import Article

    a = Article(outlet="A", paragraphs=["The minister resigned on Monday.", "Rain fell."])
    b = Article(outlet="B", paragraphs=["On Monday the minister resigned.", "Markets rose."])
    c = compare([("a", a), ("b", b)])
    assert [(p.a, p.b, p.kind) for p in c.pairs] == [(("a", 0), ("b", 0), "same")]
    assert c.unique == {"a": [1], "b": [1]}


def test_a_quote_over_two_sentences_is_one_quote_not_a_quote_and_reported_speech() -> None:
    from parallax.index.model import Article

    said = (
        "“This ruling should trouble every harbour worker. Months of hearings failed to show "
        "that the union broke a single rule in the long dispute,” Mark Doyle said."
    )
    other = (
        "“Months of hearings failed to show that the union broke a single rule in the long "
        "dispute,” said Mark Doyle, the union's lawyer."
    )
    a = Article(outlet="A", paragraphs=["The harbour court ruled on Monday.", said])
    b = Article(outlet="B", paragraphs=["The court ruled against the union.", other])
    c = compare([("a", a), ("b", b)])
    (group,) = [q for q in c.quotes if len(q.texts) > 1]
    assert group.texts["a"].startswith("This ruling should trouble")
    assert " … " not in group.texts["a"] and "Doyle said" not in group.texts["a"]


# ---- the command line -------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(
        [*argv, "--config", str(data_dir / "config.toml"), "--data-dir", str(data_dir / "data")]
    )
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_cli_compare_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data_dir, "compare", EUNEWS, BUSINESS, "--json")
    assert code == 0, err
    obj = json.loads(out)
    assert obj["articles"] == [EUNEWS, BUSINESS]
    assert any("Lavrov" in (q["speaker"] or "") and len(q["texts"]) == 2 for q in obj["quotes"])


def test_cli_show_json_lists_the_sentences_compare_indexes(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, data_dir, "show", BUSINESS, "--json")
    sentences = json.loads(out)["sentences"]
    code, out, _ = run(capsys, data_dir, "compare", EUNEWS, BUSINESS, "--json")
    obj = json.loads(out)
    quoted = [p["b"][1] for p in obj["pairs"] if p["b"][0] == BUSINESS]
    assert any("unlawful activities" in sentences[i] for i in quoted)


def test_cli_compare_markdown_and_readable_view(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, data_dir, "compare", EUNEWS, BUSINESS, "--markdown")
    assert code == 0
    assert out.startswith("# Coverage compared: 2 articles")
    assert "## Only in Eunews" in out and "Sergey Lavrov (Business Standard)" in out
    code, out, _ = run(capsys, data_dir, "compare", EUNEWS, BUSINESS)
    assert code == 0 and "≈ reworded" in out and "Eunews" in out


@pytest.mark.parametrize(
    "argv, code, message",
    [
        (["compare", EUNEWS, "no-such-article"], 1, 'no article "no-such-article"'),
        (["compare", EUNEWS], 2, "compare needs 2 to 6 article ids (got 1)"),
        (["compare", EUNEWS, EUNEWS], 1, "the same article given twice"),
        (["compare", EUNEWS, BUSINESS, "--meeting", "x"], 2, "not both"),
        (["compare", "--meeting", "no-such-meeting"], 1, "no-such-meeting"),
    ],
)
def test_cli_compare_bad_input_is_one_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, message: str
) -> None:
    got, out, err = run(capsys, data_dir, *argv)
    assert got == code
    assert message in err and len(err.strip().splitlines()) == 1


def test_cli_compare_a_meeting(
    data_dir: Path, corpus: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    meeting = next(m for m, role in corpus.meetings_of(BUSINESS) if role == "main")
    code, out, err = run(capsys, data_dir, "compare", "--meeting", meeting.id, "--json")
    assert code == 0, err
    assert set(json.loads(out)["articles"]) == {EUNEWS, BUSINESS}


def test_a_meeting_only_mentioned_compares_every_article_that_mentions_it(corpus: Corpus) -> None:
    riyadh = next(m for m in corpus.meetings() if m.place and "Riyadh" in m.place)
    assert riyadh.main_ids == []
    assert set(corpus.meeting_compare_ids(riyadh.id)) == {EUNEWS, BUSINESS, HURRIYET}
    assert len(corpus.compare_meeting(riyadh.id).articles) == 3
