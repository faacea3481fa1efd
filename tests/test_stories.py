"""Stories: the seeds (expectations from SEEDS.md), small written cases (two events on one
day stay apart, one event across outlets comes together), ids that stay as articles come and
go, the `story:` override, the `stories --json` contract and `story:` in a search."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seed_ids import BUSINESS_STANDARD, ECONOTIMES, EUNEWS, HURRIYET

from parallax.index.api import Corpus, Story, UnknownStoryError, load_config
from parallax.index.stories.grouping import short_title
from parallax.tui.cli import main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeded_folder: Callable[[Path], Path]) -> Path:
    return seeded_folder(tmp_path_factory.mktemp("stories"))


@pytest.fixture
def seeds(seeded: Path, tmp_path: Path) -> Corpus:
    shutil.copytree(seeded / "data", tmp_path / "data")
    return Corpus.open(load_config(seeded / "config.toml", tmp_path / "data", env={}))


def main_story(corpus: Corpus, article_id: str) -> Story:
    found = [s for s, role in corpus.stories_of(article_id) if role == "main"]
    assert len(found) == 1, [s.label for s, _ in corpus.stories_of(article_id)]
    return found[0]


# ---- the seeds ------------------------------------------------------------------------------


def test_eunews_and_business_standard_share_the_istanbul_meeting_story(seeds: Corpus) -> None:
    story = main_story(seeds, EUNEWS)
    assert main_story(seeds, BUSINESS_STANDARD) is story
    assert story.kind == "meeting"
    assert story.date == "2025-02-27"
    assert story.label == "US–Russia talks · Istanbul · 27 Feb 2025"
    # A meeting's story has the meeting's id.
    meeting = next(m for m, role in seeds.meetings_of(EUNEWS) if role == "main")
    assert story.id == meeting.id


def test_econotimes_and_hurriyet_are_stories_of_their_own(seeds: Corpus) -> None:
    istanbul = main_story(seeds, EUNEWS)
    econotimes, hurriyet = main_story(seeds, ECONOTIMES), main_story(seeds, HURRIYET)
    assert len({istanbul.id, econotimes.id, hurriyet.id}) == 3
    assert econotimes.main_ids == [ECONOTIMES]
    assert hurriyet.main_ids == [HURRIYET]
    assert "summit" in hurriyet.label and "planned" in hurriyet.label


def test_riyadh_is_mentioned_by_three_and_main_for_none(seeds: Corpus) -> None:
    riyadh = next(s for s in seeds.stories() if "Riyadh" in s.label)
    assert riyadh.kind == "meeting"
    assert riyadh.main_ids == []
    assert set(riyadh.article_ids("mention")) == {EUNEWS, HURRIYET, BUSINESS_STANDARD}


def test_every_article_is_main_in_exactly_one_story(seeds: Corpus) -> None:
    mains = [a.id for s in seeds.stories() for a in s.articles if a.role == "main"]
    assert sorted(mains) == sorted(s.id for s in seeds.articles())


def test_compare_story_ids_are_the_main_articles(seeds: Corpus) -> None:
    story = main_story(seeds, EUNEWS)
    assert set(seeds.story_compare_ids(story.id)) == {EUNEWS, BUSINESS_STANDARD}
    assert seeds.story(story.label) is story  # found by its label too
    with pytest.raises(UnknownStoryError, match="no story"):
        seeds.story("no-such-story")


# ---- written cases --------------------------------------------------------------------------

# Two events on one day in one city, each told by two outlets in their own words.
BRIBERY = [
    ("Senator Okafor indicted on federal bribery charges", "Daily Ledger",
     "A federal grand jury indicted state Senator Marcus Okafor on bribery and wire fraud "
     "charges on Tuesday, accusing him of taking kickbacks from a paving contractor.\n\n"
     "Prosecutors said Okafor steered highway contracts to Brennan Paving in exchange for "
     "cash and a lakeside cabin. Okafor's lawyer said the senator would plead not guilty."),
    ("Okafor charged with taking kickbacks from contractor", "Evening Courier",
     "State Senator Marcus Okafor was charged Tuesday with bribery, after a grand jury found "
     "he took kickbacks from Brennan Paving in return for highway contracts.\n\n"
     "The indictment says the contractor paid for a lakeside cabin. Okafor denies the "
     "charges, his lawyer said, and will plead not guilty."),
]  # fmt: skip
BRIDGE = [
    ("Harbor bridge reopens after storm repairs", "Daily Ledger",
     "The Harbor Street bridge reopened to traffic on Tuesday after eleven weeks of repairs to "
     "storm damage, the city's transport department said.\n\n"
     "Engineers replaced two cracked pylons and the steel deck joints. Ferry crossings added "
     "during the closure will stop at the end of the month."),
    ("Traffic returns to Harbor Street bridge", "City Wire",
     "Cars crossed the Harbor Street bridge again on Tuesday, as the span reopened after storm "
     "repairs that took eleven weeks, transport officials said.\n\n"
     "Two cracked pylons were replaced and the deck joints rebuilt. The temporary ferry "
     "crossings end this month."),
]  # fmt: skip


def _write(folder: Path, name: str, title: str, outlet: str, body: str, day: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(
        f'---\ntitle: "{title}"\noutlet: "{outlet}"\npublished: {day}\n---\n{body}\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def written(tmp_path: Path) -> tuple[Corpus, Path]:
    sources = tmp_path / "sources"
    sources.mkdir()
    for n, (title, outlet, body) in enumerate(BRIBERY):
        _write(sources, f"bribery{n}", title, outlet, body, "2024-03-12")
    for n, (title, outlet, body) in enumerate(BRIDGE):
        _write(sources, f"bridge{n}", title, outlet, body, "2024-03-12")
    config_file = tmp_path / "config.toml"
    config_file.write_text("sources = []\n", encoding="utf-8")
    corpus = Corpus.open(load_config(config_file, tmp_path / "data", env={}))
    corpus.add([sources])
    return corpus, sources


def _by_title(corpus: Corpus) -> dict[str, str]:
    """title -> the id of its article's main story."""
    titles = {s.id: s.title for s in corpus.articles()}
    return {titles[a.id]: s.id for s in corpus.stories() for a in s.articles if a.role == "main"}


def test_two_events_on_one_day_stay_apart_and_each_comes_together(
    written: tuple[Corpus, Path],
) -> None:
    corpus, _ = written
    story = _by_title(corpus)
    bribery = {story[title] for title, _, _ in BRIBERY}
    bridge = {story[title] for title, _, _ in BRIDGE}
    assert len(bribery) == 1 and len(bridge) == 1
    assert bribery != bridge
    listed = [s for s in corpus.stories() if len(s.outlets) >= 2]
    assert len(listed) == 2
    assert all(s.kind == "story" and s.date == "2024-03-12" for s in listed)


def test_story_ids_stay_as_articles_come_and_go(written: tuple[Corpus, Path]) -> None:
    corpus, sources = written
    before = {s.id: set(s.main_ids) for s in corpus.stories()}
    # A third outlet tells the bribery case the next day; an unrelated article comes in.
    _write(sources, "bribery2", "Okafor to plead not guilty to bribery charges", "Metro Post",
           "Senator Marcus Okafor, indicted on bribery charges over kickbacks from Brennan "
           "Paving, will plead not guilty, his lawyer said on Wednesday.", "2024-03-13")  # fmt: skip
    _write(sources, "zoo", "Zoo welcomes two red panda cubs", "City Wire",
           "The city zoo announced the birth of two red panda cubs, its first in a decade.",
           "2024-03-13")  # fmt: skip
    corpus.add([sources])
    corpus.update_stories()
    after = {s.id: set(s.main_ids) for s in corpus.stories()}
    for story_id, ids in before.items():
        assert story_id in after and ids <= after[story_id]
    new_ids = {s.id for s in corpus.stories()} - set(before)
    assert len(new_ids) == 1  # the zoo; the third bribery article joined its story
    # An article removed: the others keep their story and its id.
    bribery_story = next(i for i, ids in after.items() if len(ids) == 3)
    gone = sorted(after[bribery_story])[0]
    corpus.path_of(gone).unlink()
    again = Corpus.open(corpus.config)
    stories = {s.id: set(s.main_ids) for s in again.stories()}
    assert stories[bribery_story] == after[bribery_story] - {gone}


def test_story_front_matter_moves_an_article(written: tuple[Corpus, Path]) -> None:
    corpus, _ = written
    story = _by_title(corpus)
    bridge_story = story[BRIDGE[0][0]]
    moving = next(s.id for s in corpus.articles() if s.title == BRIBERY[0][0])
    corpus.move_to_story(moving, bridge_story)
    assert "\nstory: " in corpus.path_of(moving).read_text(encoding="utf-8")
    again = Corpus.open(corpus.config)
    assert main_story(again, moving).id == bridge_story
    # A name no story has makes a story of that name; None: a story of its own.
    again.move_to_story(moving, "Roads and bridges")
    again = Corpus.open(corpus.config)
    assert main_story(again, moving).label == "Roads and bridges"
    again.move_to_story(moving, None)
    again = Corpus.open(corpus.config)
    own = main_story(again, moving)
    assert own.main_ids == [moving]
    assert own.label == f"{BRIBERY[0][0]} · 12 Mar 2024"


def test_meeting_front_matter_still_decides_the_main_meeting_story(seeds: Corpus) -> None:
    path = seeds.path_of(ECONOTIMES)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("---\n", "---\nmeeting: russia-us-talks-istanbul-2025-02-27\n", 1), "utf-8"
    )
    again = Corpus.open(seeds.config)
    assert main_story(again, ECONOTIMES) is main_story(again, EUNEWS)


def test_short_title_cuts_an_attribution_and_keeps_a_short_headline() -> None:
    assert short_title("Okafor charged with bribery") == "Okafor charged with bribery"
    cut = short_title("Preparations for Trump-Putin summit underway, says Russia's Kremlin today")
    assert cut == "Preparations for Trump-Putin summit underway"
    long = short_title(" ".join(f"word{i}" for i in range(30)))
    assert long.endswith("…") and len(long.split()) <= 12


# ---- command line ---------------------------------------------------------------------------


def test_stories_json_contract(
    seeds: Corpus, capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    args = ["--config", str(seeded / "config.toml"), "--data-dir", str(seeds.config.data_dir)]
    assert main([*args, "stories", "--json"]) == 0
    stories = json.loads(capsys.readouterr().out)
    assert all(set(s) == {"id", "label", "kind", "date", "articles"} for s in stories)
    assert {s["kind"] for s in stories} <= {"meeting", "story"}
    roles = [a for s in stories for a in s["articles"]]
    assert all(set(a) == {"id", "outlet", "role"} for a in roles)
    assert {a["role"] for a in roles} == {"main", "mention"}
    mains = sorted(a["id"] for a in roles if a["role"] == "main")
    assert mains == sorted(s.id for s in seeds.articles())
    # Without --json only the stories two outlets tell; --all lists the others too.
    assert main([*args, "stories"]) == 0
    listing = capsys.readouterr().out
    assert "Istanbul" in listing and "Riyadh" not in listing
    assert main([*args, "stories", "--all"]) == 0
    assert "Riyadh" in capsys.readouterr().out


def test_compare_story_and_search_story_filter(
    seeds: Corpus, capsys: pytest.CaptureFixture[str], seeded: Path
) -> None:
    args = ["--config", str(seeded / "config.toml"), "--data-dir", str(seeds.config.data_dir)]
    story = main_story(seeds, EUNEWS)
    assert main([*args, "compare", "--story", story.id, "--json"]) == 0
    assert set(json.loads(capsys.readouterr().out)["articles"]) == {EUNEWS, BUSINESS_STANDARD}
    assert main([*args, "search", f"story:{story.id}", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert {h["id"] for h in hits} == {EUNEWS, BUSINESS_STANDARD}
    assert main([*args, "compare", "--story", "nothing-like-it"]) == 1
    assert "no story" in capsys.readouterr().err


def test_add_places_new_articles_in_stories_for_a_reader_to_read(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for n, (title, outlet, body) in enumerate(BRIBERY):
        _write(sources, f"bribery{n}", title, outlet, body, "2024-03-12")
    config_file = tmp_path / "config.toml"
    config_file.write_text("sources = []\n", encoding="utf-8")
    data = tmp_path / "data"
    assert main(["--config", str(config_file), "--data-dir", str(data), "add", str(sources)]) == 0
    # The stories are kept: a reader's UI reads them without grouping anything.
    kept = Corpus.open(load_config(config_file, data, env={})).kept_stories()
    assert kept is not None
    assert [len(s.main_ids) for s in kept] == [2]
    # A new article: nothing kept is up to date until the next update.
    _write(sources, "bridge0", *BRIDGE[0], "2024-03-12")
    corpus = Corpus.open(load_config(config_file, data, env={}))
    corpus.add([sources])
    assert Corpus.open(corpus.config).kept_stories() is None
    assert len(corpus.update_stories()) == 2


# ---- text never breaks it -------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=200), body=st.text(max_size=2000))
def test_features_and_labels_take_any_text(title: str, body: str) -> None:
    from parallax.index.analysis import NewsAnalyzer
    from parallax.index.model import Article
    from parallax.index.stories.features import StoryFeatures, features

    f = features(Article(title=title, paragraphs=body.split("\n\n")), NewsAnalyzer({}))
    back = StoryFeatures.from_json(json.loads(json.dumps(f.to_json())))
    assert (back.published, back.title, back.lead, back.head, back.names) == (
        f.published, f.title, f.lead, f.head, f.names,
    )  # fmt: skip
    assert back.terms == pytest.approx(f.terms, abs=1e-3)
    assert set(f.head) <= set(f.lead)
    label = short_title(title)
    assert label and len(label.split()) <= 12


def test_damaged_story_files_are_found_again_with_one_line(written: tuple[Corpus, Path]) -> None:
    corpus, _ = written
    before = sorted(sorted(s.main_ids) for s in corpus.stories())
    state = corpus.config.data_dir / ".parallax"
    (state / "story-features.sqlite").write_bytes(b"\x00not a database" * 100)
    (state / "stories.json").write_text("{broken", encoding="utf-8")
    again = Corpus.open(corpus.config)
    assert sorted(sorted(s.main_ids) for s in again.stories()) == before
    assert any("damaged" in m for m in again.story_messages)


# ---- mentions of ordinary stories -------------------------------------------------------------

BUDGET = (
    "Harbor council approves port budget", "City Wire",
    "The harbor council approved next year's port budget on Tuesday by seven votes to two.\n\n"
    "The budget adds dredging money for the north basin and raises mooring fees.\n\n"
    "The vote came a week after Senator Marcus Okafor was indicted on charges of taking "
    "kickbacks from Brennan Paving for highway contracts, which had delayed the session.",
)  # fmt: skip
SIMILAR = (
    "Senate committee reviews road repair budget", "Evening Courier",
    "A state senate committee reviewed the road repair budget on Tuesday.\n\n"
    "Members asked for more money for rural bridges and school crossings.\n\n"
    "Senator Dana Whitfield said the state's contracts for highway paving should be put to "
    "tender again next spring, and that the lawyer for the department agreed.",
)  # fmt: skip


def test_an_article_naming_another_story_in_passing_is_a_mention_not_main(
    written: tuple[Corpus, Path],
) -> None:
    corpus, sources = written
    for name, (title, outlet, body) in (("budget", BUDGET), ("similar", SIMILAR)):
        _write(sources, name, title, outlet, body, "2024-03-19")
    corpus.add([sources])
    titles = {s.id: s.title for s in corpus.articles()}
    ids = {t: i for i, t in titles.items()}
    bribery = next(s for s in corpus.stories() if ids[BRIBERY[0][0]] in s.main_ids)
    assert sorted(bribery.main_ids) == sorted(ids[t] for t, _, _ in BRIBERY)
    mentions = bribery.article_ids("mention")
    # The budget article names the indictment in passing: a mention, and main of its own story.
    assert ids[BUDGET[0]] in mentions
    roles = [role for _, role in corpus.stories_of(ids[BUDGET[0]])]
    assert roles.count("main") == 1 and "mention" in roles
    # Same words about senators, roads and contracts, another story: not a mention.
    assert ids[SIMILAR[0]] not in mentions
    # Nor anything of the bridge story.
    assert not set(mentions) & {ids[t] for t, _, _ in BRIDGE}


def test_an_article_before_a_story_does_not_mention_it(written: tuple[Corpus, Path]) -> None:
    corpus, sources = written
    title, outlet, body = BUDGET
    _write(sources, "budget", title, outlet, body, "2024-03-05")
    corpus.add([sources])
    budget = next(s.id for s in corpus.articles() if s.title == title)
    assert [role for _, role in corpus.stories_of(budget)] == ["main"]


def test_mentions_follow_when_placed_one_by_one(written: tuple[Corpus, Path]) -> None:
    corpus, sources = written
    corpus.stories()  # kept; the new article is placed incrementally
    _write(sources, "budget", *BUDGET, "2024-03-19")
    corpus.add([sources / "budget.md"])
    budget = next(s.id for s in corpus.articles() if s.title == BUDGET[0])
    assert sorted(role for _, role in corpus.stories_of(budget)) == ["main", "mention"]


def test_articles_in_another_language_sharing_only_little_words_stay_apart(
    tmp_path: Path,
) -> None:
    texts = [
        ("El ayuntamiento abre un mercado de flores", "Diario Uno",
         "El ayuntamiento de la ciudad abrió el martes un mercado de flores en el puerto, que "
         "según el alcalde es uno de los más grandes de la región.\n\n"
         "Los vendedores dijeron que las rosas y los claveles llegan cada mañana desde el valle, "
         "y que el mercado estará abierto todos los días de la semana."),
        ("La selección gana el partido con un gol tardío", "Noticias Dos",
         "La selección ganó el martes el partido por uno a cero con un gol en el último minuto, "
         "que según el entrenador es uno de los más importantes de la temporada.\n\n"
         "Los jugadores dijeron que el estadio estaba lleno desde la mañana, y que el equipo "
         "estará de vuelta en la capital antes del fin de la semana."),
    ]  # fmt: skip
    sources = tmp_path / "sources"
    sources.mkdir()
    for n, (title, outlet, body) in enumerate([*BRIBERY, *BRIDGE]):  # English around them
        _write(sources, f"en{n}", title, outlet, body, "2024-05-07")
    for n, (title, outlet, body) in enumerate(texts):
        path = _write(sources, f"es{n}", title, outlet, body, "2024-05-07")
        path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nlanguage: es\n", 1))
    config_file = tmp_path / "config.toml"
    config_file.write_text("sources = []\n", encoding="utf-8")
    corpus = Corpus.open(load_config(config_file, tmp_path / "data", env={}))
    corpus.add([sources])
    story = _by_title(corpus)
    assert story[texts[0][0]] != story[texts[1][0]]


def test_an_undated_article_needs_surer_words_to_join_a_story(
    written: tuple[Corpus, Path],
) -> None:
    corpus, sources = written
    hearing = ("Senator Okafor opens a highway safety hearing", "Morning Post",
               "State Senator Marcus Okafor opened a hearing on highway safety, asking the "
               "transport department why crash barriers on the coast road were never replaced."
               "\n\nOkafor said the hearing would resume after the budget vote.")  # fmt: skip
    review = ("Okafor case: paving firm's contracts under review", "Morning Post",
              "The highway department said it would review every contract held by Brennan "
              "Paving, the firm named in the case against Senator Marcus Okafor.\n\n"
              "Department officials said no new paving work would start until the review ends.")  # fmt: skip
    for name, (title, outlet, body) in (("hearing", hearing), ("review", review)):
        path = sources / f"{name}.md"
        path.write_text(f'---\ntitle: "{title}"\noutlet: "{outlet}"\n---\n{body}\n', "utf-8")
    corpus.add([sources])
    story = _by_title(corpus)
    # Same senator, another event, no date to tell when: a story of its own.
    assert story[hearing[0]] != story[BRIBERY[0][0]]
    # The case itself, told again without a date: one story with it.
    assert story[review[0]] == story[BRIBERY[0][0]]
