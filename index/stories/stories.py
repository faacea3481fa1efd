"""Stories: every article is the `main` article of exactly one story (a story may hold one
article) and a `mention` in the stories it names in passing. A story whose articles report a
meeting (meetings.py) is that meeting: it has the meeting's id and label and kind `meeting`.

    stories = assemble(groups, meetings, outlets, published, overrides)

`groups` are the stories as grouping found them (grouping.py, kept by story_index.py):
story id -> (label, main article ids). Assembling adds what meetings know (ids, labels,
mentions, stories only mentioned such as a meeting every article names in passing) and the
user's `story:` (and `meeting:`) front matter, which decide an article's main story.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from ..analysis import fold
from ..model import ArticleSummary
from ..store import slugify
from .grouping import short_title
from .meetings import Meeting, Role, by_name, find_named, fold_label

__all__ = [
    "STORY_FIELD",
    "Story",
    "StoryArticle",
    "UnknownStoryError",
    "assemble",
    "find_story",
    "moved",
    "story_id",
]

# The front matter field a user sets to put an article in a story: `story: <id or label>`.
STORY_FIELD = "story"

Kind = Literal["meeting", "story"]


@dataclass(frozen=True)
class StoryArticle:
    """An article's part in a story: `main` (what it is about) or `mention` (in passing)."""

    id: str
    outlet: str | None
    role: Role

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "outlet": self.outlet, "role": self.role}


@dataclass
class Story:
    """One story and the articles that tell it or mention it."""

    id: str
    label: str
    kind: Kind
    date: str | None  # YYYY-MM-DD; for a meeting, its date as meetings give it
    articles: list[StoryArticle] = field(default_factory=list)
    meeting: Meeting | None = None
    by_user: bool = False  # made by a `story:` value no story had

    @property
    def main_ids(self) -> list[str]:
        return [a.id for a in self.articles if a.role == "main"]

    def article_ids(self, role: Role | None = None) -> list[str]:
        """The ids of its articles (main ones first), or only those of one role."""
        return [a.id for a in self.articles if role is None or a.role == role]

    @property
    def outlets(self) -> list[str]:
        """The outlets of its main articles, each once, in order."""
        return list(dict.fromkeys(a.outlet for a in self.articles if a.role == "main" and a.outlet))

    def to_json(self) -> dict[str, Any]:
        """The `parallax stories --json` contract."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "date": self.date,
            "articles": [a.to_json() for a in self.articles],
        }


def story_id(label: str, when: date | None, taken: set[str] | Mapping[str, Any]) -> str:
    """An id made of what the story is (`akin-urged-to-quit-senate-race-2012-08-21`), unique
    among `taken`."""
    words = ""
    for word in slugify(label.split(" · ")[0]).split("-"):
        if len(words) + len(word) > 48:
            break
        words = f"{words}-{word}" if words else word
    words = words or "story"
    base = f"{words}-{when.isoformat()}" if when else words
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def assemble(
    groups: Mapping[str, tuple[str, Sequence[str]]],
    meetings: Sequence[Meeting],
    outlets: Mapping[str, str | None],
    published: Mapping[str, date | None],
    overrides: Mapping[str, str] | None = None,
    titles: Mapping[str, str | None] | None = None,
    mentions: Mapping[str, Sequence[str]] | None = None,
) -> list[Story]:
    """The stories of a corpus, newest first. `groups`: story id -> (label, main article ids)
    as grouped; `overrides`: article id -> its `story:` value (or its `meeting:` value: a
    meeting's story has the meeting's id and label; its own id: a story of its own, labelled by
    its `titles` entry); `mentions`: story id (as grouped) -> the articles that name it in
    passing (mentions.py)."""
    main_meeting: dict[str, Meeting] = {}
    for m in meetings:
        for a in m.articles:
            if a.role == "main":
                main_meeting.setdefault(a.id, m)
    # Each meeting is the story holding most of its main articles, if they are at least half
    # of that story's: one article's meeting does not name a story three outlets tell.
    claims = []
    for sid, (_, members) in groups.items():
        counts = Counter(main_meeting[i].id for i in members if i in main_meeting)
        for mid, n in counts.items():
            if 2 * n >= len(members):
                claims.append((-n, -len(members), sid, mid))
    claimed: dict[str, str] = {}  # story id (as grouped) -> meeting id
    taken: set[str] = set()
    for _, _, sid, mid in sorted(claims):
        if sid not in claimed and mid not in taken:
            claimed[sid], taken = mid, taken | {mid}
    by_meeting = {m.id: m for m in meetings}

    def dated(ids: Sequence[str]) -> str | None:
        days = [d for d in (published.get(i) for i in ids) if d]
        return min(days).isoformat() if days else None

    stories: dict[str, Story] = {}
    as_grouped: dict[str, Story] = {}
    for sid, (label, members) in groups.items():
        meeting = by_meeting.get(claimed.get(sid, ""))
        mains = [StoryArticle(i, outlets.get(i), "main") for i in members]
        if meeting is not None:
            when = meeting.date.iso() if meeting.date else dated(members)
            story = Story(meeting.id, meeting.label, "meeting", when, mains, meeting)
        else:
            story = Story(sid, label, "story", dated(members), mains)
        stories[story.id] = as_grouped[sid] = story
    for sid, ids in (mentions or {}).items():
        if sid in as_grouped:
            _add_mentions(as_grouped[sid], [(i, outlets.get(i)) for i in ids if i in outlets])
    story_of = {a.id: s for s in stories.values() for a in s.articles}
    for m in meetings:
        if m.id in taken:
            continue
        mains = [a.id for a in m.articles if a.role == "main"]
        home = next((story_of[i] for i in mains if i in story_of), None)
        if home is not None:  # its articles are told within another story: part of that one
            _add_mentions(home, [(a.id, a.outlet) for a in m.articles if a.role == "mention"])
        else:  # only mentioned (the talks every article recalls): a story of mentions
            when = m.date.iso() if m.date else dated([a.id for a in m.articles])
            stories[m.id] = Story(m.id, m.label, "meeting", when, [], m)
    for m in meetings:
        story = stories.get(m.id)
        if story is not None:
            _add_mentions(story, [(a.id, a.outlet) for a in m.articles])
    result = _apply_overrides(
        list(stories.values()), overrides or {}, outlets, published, titles or {}
    )
    for s in result:
        s.articles.sort(key=lambda a: (a.role != "main", (a.outlet or "").casefold(), a.id))
    result.sort(key=lambda s: s.label.casefold())
    result.sort(key=lambda s: s.date or "", reverse=True)  # stable: newest first
    return result


def _add_mentions(story: Story, articles: Sequence[tuple[str, str | None]]) -> None:
    have = {a.id for a in story.articles}
    for article_id, outlet in articles:
        if article_id not in have:
            story.articles.append(StoryArticle(article_id, outlet, "mention"))
            have.add(article_id)


def _apply_overrides(
    stories: list[Story],
    overrides: Mapping[str, str],
    outlets: Mapping[str, str | None],
    published: Mapping[str, date | None],
    titles: Mapping[str, str | None],
) -> list[Story]:
    """Each overridden article becomes a main article of the story its value names (id or
    label, case, accents and word order aside), or of a story of that name of its own (its
    own id: a story of its own, labelled by its title)."""
    for article_id in sorted(overrides):
        wanted = overrides[article_id].strip()
        if not wanted:
            continue
        named_stories = by_name(stories)
        target = named_stories.get(fold(wanted)) or named_stories.get(fold_label(wanted))
        if target is None:
            label = wanted
            if wanted == article_id:  # "a story of its own"
                day = published.get(article_id)
                label = short_title(titles.get(article_id) or article_id)
                label += f" · {day.day} {day.strftime('%b')} {day.year}" if day else ""
            target = Story(slugify(wanted)[:64] or "story", label, "story", None, by_user=True)
            stories.append(target)
        for s in stories:
            s.articles = [a for a in s.articles if a.id != article_id or a.role != "main"]
        target.articles = [a for a in target.articles if a.id != article_id]
        target.articles.insert(0, StoryArticle(article_id, outlets.get(article_id), "main"))
        if target.kind == "story":
            days = [d for d in (published.get(i) for i in target.main_ids) if d]
            target.date = min(days).isoformat() if days else None
    # A story left without main articles goes, unless it is a meeting others mention.
    return [s for s in stories if s.main_ids or (s.kind == "meeting" and s.articles)]


def moved(
    stories: Sequence[Story],
    article_id: str,
    story: str | None,
    articles: Mapping[str, ArticleSummary],
) -> list[Story]:
    """The stories as `assemble` will make them once the article says `story: <story>` (an
    id or label; None: a story of its own), from what `articles` knows of each article: a new
    list, `stories` left as they were. (The reader shows a move at once with it.)"""
    copies = [replace(s, articles=list(s.articles)) for s in stories]
    return _apply_overrides(
        copies,
        {article_id: (story or "").strip() or article_id},
        _Field(articles, "outlet"),
        _Field(articles, "published"),
        _Field(articles, "title"),
    )


class _Field(Mapping[str, Any]):
    """One field of each article summary, by article id."""

    def __init__(self, articles: Mapping[str, ArticleSummary], name: str) -> None:
        self._articles, self._name = articles, name

    def __getitem__(self, article_id: str) -> Any:
        return getattr(self._articles[article_id], self._name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._articles)

    def __len__(self) -> int:
        return len(self._articles)


class UnknownStoryError(KeyError):
    """No story has this id or label. `str()` is one line, suggesting close ids."""

    def __str__(self) -> str:
        return str(self.args[0])


def find_story(stories: Sequence[Story], id_or_label: str) -> Story:
    """The story with this id or label (case and accents aside), or the only one whose id
    starts with it; UnknownStoryError otherwise."""
    return find_named(stories, id_or_label, UnknownStoryError, "story", "parallax stories --all")
