"""Meetings on the seeds (expectations from SEEDS.md): who met where and when, which articles
are about the same meeting, which only mention one; the user's `meeting:` override; the CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import frontmatter
import pytest
from seed_ids import BUSINESS_STANDARD, ECONOTIMES, EUNEWS, HURRIYET

from parallax.index.api import Corpus, Meeting, UnknownMeetingError, load_config
from parallax.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeded_folder: Callable[[Path], Path]) -> Path:
    """A data folder holding the cleaned seeds (cleaned once for the module)."""
    return seeded_folder(tmp_path_factory.mktemp("meetings"))


@pytest.fixture
def corpus(seeded: Path, tmp_path: Path) -> Corpus:
    """A fresh copy of the seeded data folder, so a test may edit articles."""
    shutil.copytree(seeded / "data", tmp_path / "data")
    return Corpus.open(load_config(seeded / "config.toml", tmp_path / "data", env={}))


def main_meeting(corpus: Corpus, article_id: str) -> Meeting:
    found = [m for m, role in corpus.meetings_of(article_id) if role == "main"]
    assert len(found) == 1, [m.label for m, _ in corpus.meetings_of(article_id)]
    return found[0]


def roles(meeting: Meeting) -> dict[str, str]:
    return {a.id: a.role for a in meeting.articles}


def test_eunews_and_business_standard_share_the_istanbul_us_russia_meeting(corpus: Corpus) -> None:
    meeting = main_meeting(corpus, EUNEWS)
    assert main_meeting(corpus, BUSINESS_STANDARD) is meeting
    assert meeting.place == "Istanbul"
    assert meeting.date is not None and meeting.date.iso() == "2025-02-27"
    assert set(meeting.parties) == {"Russia", "US"}
    assert set(meeting.main_ids) == {EUNEWS, BUSINESS_STANDARD}
    assert ECONOTIMES not in roles(meeting)
    assert "Istanbul" in meeting.label and "27 Feb 2025" in meeting.label


def test_econotimes_istanbul_talks_are_another_meeting(corpus: Corpus) -> None:
    meeting = main_meeting(corpus, ECONOTIMES)
    assert meeting is not main_meeting(corpus, EUNEWS)
    assert meeting.place == "Istanbul"  # the same city...
    assert {"Russia", "Ukraine"} <= set(meeting.parties)  # ...other parties
    assert "US" not in meeting.parties
    assert meeting.date is None  # EconoTimes has no published date: "on Friday" stays unknown
    assert meeting.main_ids == [ECONOTIMES]


def test_hurriyet_is_about_the_prepared_trump_putin_summit(corpus: Corpus) -> None:
    meeting = main_meeting(corpus, HURRIYET)
    assert meeting.kind == "summit"
    assert meeting.planned
    assert {"Trump", "Putin"} <= {name.split()[-1] for name in meeting.people}
    assert set(meeting.parties) == {"Russia", "US"}
    assert "Trump" in meeting.label and "Putin" in meeting.label
    # Eunews speaks of the same summit being prepared, in passing.
    assert roles(meeting) == {HURRIYET: "main", EUNEWS: "mention"}


def test_the_riyadh_meeting_is_mentioned_by_three_and_the_main_subject_of_none(
    corpus: Corpus,
) -> None:
    (riyadh,) = [m for m in corpus.meetings() if m.place == "Riyadh"]
    assert riyadh.date is not None and riyadh.date.iso() == "2025-02-18"
    assert set(riyadh.parties) == {"Russia", "US"}
    assert roles(riyadh) == {EUNEWS: "mention", HURRIYET: "mention", BUSINESS_STANDARD: "mention"}
    assert riyadh.main_ids == []


def test_each_article_speaks_of_its_meetings_in_sentences_it_holds(corpus: Corpus) -> None:
    (riyadh,) = [m for m in corpus.meetings() if m.place == "Riyadh"]
    for part in riyadh.articles:
        article = corpus.article(part.id).article
        texts = {"title": article.title, "standfirst": article.standfirst, "body": article.body}
        said = [texts[f][a:b] for f, a, b in part.spans]  # type: ignore[index]
        assert said
        assert any("Riyadh" in s or "Saudi" in s for s in said), said


def test_meetings_are_found_by_id_label_or_id_prefix(corpus: Corpus) -> None:
    meeting = main_meeting(corpus, EUNEWS)
    assert corpus.meeting(meeting.id) is meeting
    assert corpus.meeting(meeting.label.upper()) is meeting
    assert meeting.label == "US–Russia talks · Istanbul · 27 Feb 2025"
    assert corpus.meeting("Russia-US talks, Istanbul, 27 Feb 2025") is meeting  # any order
    assert corpus.meeting(meeting.id[: len(meeting.id) - 3]) is meeting
    with pytest.raises(UnknownMeetingError) as err:
        corpus.meeting(meeting.id + "x")
    assert meeting.id in str(err.value) and "\n" not in str(err.value)


def test_ids_are_stable_and_unique(corpus: Corpus, seeded: Path) -> None:
    ids = [m.id for m in corpus.meetings()]
    assert len(ids) == len(set(ids))
    again = Corpus.open(load_config(seeded / "config.toml", corpus.config.data_dir, env={}))
    assert [m.id for m in again.meetings()] == ids


def set_front_matter(corpus: Corpus, article_id: str, **fields: str) -> None:
    path = corpus.path_of(article_id)
    post = frontmatter.load(str(path))
    post.metadata.update(fields)
    path.write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")


def test_the_front_matter_override_wins(corpus: Corpus) -> None:
    istanbul = main_meeting(corpus, EUNEWS)
    set_front_matter(corpus, ECONOTIMES, meeting=istanbul.label)
    fresh = Corpus.open(corpus.config)
    moved = main_meeting(fresh, ECONOTIMES)
    assert moved.id == istanbul.id
    assert set(moved.main_ids) == {EUNEWS, BUSINESS_STANDARD, ECONOTIMES}
    # The meeting it left, with no article left in it, is gone.
    assert not [m for m in fresh.meetings() if m.place == "Istanbul" and "Ukraine" in m.parties]


def test_an_override_naming_no_known_meeting_makes_its_own(corpus: Corpus) -> None:
    set_front_matter(corpus, HURRIYET, meeting="Summit talk, February")
    set_front_matter(corpus, BUSINESS_STANDARD, meeting="summit talk february")
    fresh = Corpus.open(corpus.config)
    mine = fresh.meeting("Summit talk, February")
    assert mine.label in ("Summit talk, February", "summit talk february")
    assert set(mine.main_ids) == {HURRIYET, BUSINESS_STANDARD}
    assert main_meeting(fresh, EUNEWS).main_ids == [EUNEWS]


def test_grouped_meetings_are_kept_until_an_article_changes(corpus: Corpus) -> None:
    first = [m.to_cache() for m in corpus.meetings()]
    groups = corpus.config.data_dir / ".parallax" / "meetings-groups.json"
    assert groups.exists()
    assert [m.to_cache() for m in Corpus.open(corpus.config).meetings()] == first
    set_front_matter(corpus, ECONOTIMES, meeting="Another name")
    again = Corpus.open(corpus.config).meetings()
    assert "Another name" in [m.label for m in again]
    groups.write_text("{broken", encoding="utf-8")  # a damaged file is grouped anew, silently
    assert [m.to_cache() for m in Corpus.open(corpus.config).meetings()] == [
        m.to_cache() for m in again
    ]


def test_meetings_are_cached_per_article_content(corpus: Corpus) -> None:
    from parallax.index.api import _ArticleDocs
    from parallax.index.stories.gazetteer import Gazetteer
    from parallax.index.stories.meeting_index import MeetingIndex

    state = corpus.config.data_dir / ".parallax"
    digests = _ArticleDocs(corpus).digests()
    loads: list[str] = []

    def load(article_id: str):  # type: ignore[no-untyped-def]
        loads.append(article_id)
        return corpus.article(article_id).article, None

    first = MeetingIndex(state, Gazetteer.load()).update(digests, load)
    assert sorted(loads) == sorted(digests)
    loads.clear()
    again = MeetingIndex(state, Gazetteer.load())
    second = again.update(digests, load)
    assert loads == [] and again.messages == []
    assert {k: v.meetings.to_json() for k, v in second.items()} == {
        k: v.meetings.to_json() for k, v in first.items()
    }
    # A changed article is read again, alone.
    changed = dict(digests, **{EUNEWS: "0" * 64})
    MeetingIndex(state, Gazetteer.load()).update(changed, load)
    assert loads == [EUNEWS]
    # A damaged cache is rebuilt, with one line saying so.
    (state / "meetings-cache.json").write_text("{not json", encoding="utf-8")
    loads.clear()
    rebuilt = MeetingIndex(state, Gazetteer.load())
    rebuilt.update(digests, load)
    assert sorted(loads) == sorted(digests)
    assert len(rebuilt.messages) == 1 and "damaged" in rebuilt.messages[0]
    assert json.loads((state / "meetings-cache.json").read_text(encoding="utf-8"))["articles"]


def test_cli_meetings_json_is_the_contract(
    corpus: Corpus, seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--config", str(seeded / "config.toml"), "--data-dir", str(corpus.config.data_dir)]
    assert main(["meetings", "--json", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    listed = json.loads(out)
    assert listed
    for meeting in listed:
        assert list(meeting) == ["id", "label", "place", "date", "parties", "articles"]
        for part in meeting["articles"]:
            assert list(part) == ["id", "outlet", "role"]
            assert part["role"] in ("main", "mention")
    istanbul = next(m for m in listed if m["date"] == "2025-02-27")
    assert {(a["outlet"], a["role"]) for a in istanbul["articles"]} == {
        ("Eunews", "main"),
        ("Business Standard", "main"),
    }


def test_cli_meetings_table_shows_labels_and_ids(
    corpus: Corpus, seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--config", str(seeded / "config.toml"), "--data-dir", str(corpus.config.data_dir)]
    assert main(["meetings", *args]) == 0
    out, _ = capsys.readouterr()
    flat = " ".join(out.split())
    assert "Russia–US talks · Riyadh · 18 Feb 2025" in flat
    assert "russia-us-talks-riyadh-2025-02-18" in flat
    assert "Main subject of" in flat and "Mentioned by" in flat
    assert "Hürriyet Daily News" in flat and "EconoTimes" in flat


def test_cli_meetings_table_prints_labels_as_text(
    corpus: Corpus, seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_front_matter(corpus, ECONOTIMES, meeting="[Live] talks [/] [bold]x")
    args = ["--config", str(seeded / "config.toml"), "--data-dir", str(corpus.config.data_dir)]
    assert main(["meetings", *args]) == 0
    out, err = capsys.readouterr()
    assert "[Live] talks [/] [bold]x" in out
    assert "\x1b" not in out and "Traceback" not in err


def test_meetings_of_an_empty_data_folder_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text("sources = []\n", encoding="utf-8")
    data = tmp_path / "data"
    assert main(["meetings", "--json", "--config", str(config_file), "--data-dir", str(data)]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert not data.exists()


def test_a_cache_entry_of_the_wrong_shape_is_found_again(corpus: Corpus) -> None:
    from parallax.index.api import _ArticleDocs
    from parallax.index.stories.gazetteer import Gazetteer
    from parallax.index.stories.meeting_index import MeetingIndex

    state = corpus.config.data_dir / ".parallax"
    digests = _ArticleDocs(corpus).digests()
    index = MeetingIndex(state, Gazetteer.load())
    index.update(digests, lambda i: (corpus.article(i).article, None))
    cache = state / "meetings-cache.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["articles"][EUNEWS][2] = ["not", "a", "dict"]
    data["articles"][HURRIYET][2] = {"published": "yesterday"}
    cache.write_text(json.dumps(data), encoding="utf-8")
    again = MeetingIndex(state, Gazetteer.load())
    found = again.update(digests, lambda i: (corpus.article(i).article, None))
    assert again.read == 2
    assert found[EUNEWS].meetings.main is not None


def test_an_override_can_pin_an_article_to_the_meeting_it_is_in(corpus: Corpus) -> None:
    # EconoTimes is the only article of its meeting: naming that meeting keeps it there.
    own = main_meeting(corpus, ECONOTIMES)
    set_front_matter(corpus, ECONOTIMES, meeting=own.id)
    pinned = main_meeting(Corpus.open(corpus.config), ECONOTIMES)
    assert (pinned.id, pinned.label, pinned.place) == (own.id, own.label, own.place)
    # Eunews shares its meeting with Business Standard: naming it keeps them together.
    shared = main_meeting(corpus, EUNEWS)
    set_front_matter(corpus, EUNEWS, meeting=shared.label)
    fresh = Corpus.open(corpus.config)
    assert set(main_meeting(fresh, EUNEWS).main_ids) == {EUNEWS, BUSINESS_STANDARD}
    assert main_meeting(fresh, EUNEWS).id == shared.id
