"""Metadata rules: title, standfirst, author, published, dateline, agency, section, outlet.

Each finder is a pure function of the page's units and the body's position. Where nothing
in the page says, the answer is None: a value is never guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice
from operator import attrgetter, itemgetter
from urllib.parse import urlsplit

import ahocorasick_rs

from .body import Found, Unit
from .dates import find_dates, has_time, holding_a_year, is_date_only
from .html import SITE_SEPARATOR, PageFacts, SiteNames, signature
from .needles import Needles
from .rules import _BREADCRUMB_SEP, _UI_WORDS, ends_sentence, is_caption
from .text import ALL_FUNCTION_WORDS, FUNCTION_WORDS, comparable, function_word_ratio, words
from .wire import (  # noqa: F401
    AGENCIES,
    AGENCY,
    agency_name,
    credit_agency,
    find_agency,
    find_dateline,
    known_place,
    may_name_agency,
)

# --- title -------------------------------------------------------------------------------

_BULLET_START = re.compile(r"^(?:[•·▪●◦‣∙■□►▸*+-]|o(?=\s)|\d{1,2}[.)])\s")
# Lines that are never a headline: an address, a handle, UI wording, a line cut short, a
# date's label. Three regexes, one per place a match can start (the line's start, its last
# characters, anywhere), so that the one that must look everywhere runs only on the lines
# holding one of its words (`_NOT_HEADLINE_WORDS`); tests check the three against the one
# regex they were split from.
_NOT_HEADLINE_START = re.compile(
    r"\W*$|[\d\s\W]+$|please\b|search\b|most\s+(?:read|popular|viewed|shared)\b|"
    r"(?:foto|photo|image|bild|slide)\s+\d+\s+(?:de|of|von|di|/)\s+\d+|"
    r"(?:published|posted|updated|last\s+updated|publicado|actualizado|pubblicato|aggiornato|"
    r"veröffentlicht|aktualisiert|publié|mis\s+à\s+jour)\b|\(.*\)$|"
    r"(?:media|image|video|photo)\s+caption\b",
    re.IGNORECASE,
)
_NOT_HEADLINE_END = re.compile(r"[,;:|/\\]$|(?:\.\.\.|…)$")
_NOT_HEADLINE_ANYWHERE = re.compile(
    r"https?://|www\.|@\w|\b(?:opens?\s+in\s+a\s+new|"
    r"javascript|cookies?|log\s?in|sign\s?(?:in|up)|subscribe|newsletter|advertis\w*|"
    r"skip\s+to|audio\s+version|listen\s+to\s+(?:this|the)|expand\b.*\bcollapse|"
    r"(?:expand|collapse)\s+(?:all|menu|search|comments)|search\s+term)\b|"
    r"[›»]|>>|\byour\s+(?:device|browser)\b",
    re.IGNORECASE,
)
# What each match of `_NOT_HEADLINE_ANYWHERE` holds: its first word, "@", ">>" or a chevron.
_NOT_HEADLINE_WORDS = Needles(
    ["@", ">>", "›", "»"],
    """http www. open javascript cookie log sign subscribe newsletter advertis skip audio
    listen expand collapse search your""".split(),
)


def _not_headline(text: str) -> bool:
    """A line no headline is (see `_NOT_HEADLINE_START`)."""
    first = text[:1]
    return bool(
        # (A match at the start opens with one of its words' first letters, case aside, or
        # with no letter at all: a line opening with another ASCII letter has none.)
        (not (first.isascii() and first.isalpha()) or first in _NOT_HEADLINE_OPENS)
        and _NOT_HEADLINE_START.match(text)
        # `_NOT_HEADLINE_END`'s match: the line's end ("$" may stand before a last "\n").
        or (text[:-1] if text[-1:] == "\n" else text).endswith(_NOT_HEADLINE_ENDS)
        or (_NOT_HEADLINE_WORDS.may_hold(text) and _NOT_HEADLINE_ANYWHERE.search(text))
    )


# The first letters of `_NOT_HEADLINE_START`'s words, in both cases (ASCII: `re` ignores their
# case as `str.lower` does), and the endings `_NOT_HEADLINE_END` matches.
_NOT_HEADLINE_OPENS = frozenset("psmfibulavPSMFIBULAV")
_NOT_HEADLINE_ENDS = (",", ";", ":", "|", "/", "\\", "...", "…")


# Lines that can follow a headline: its byline, date, standfirst, picture or the article.
_AFTER_HEADLINE = frozenset({"byline", "date_line", "caption", "reading_widget"})
_PASSED_OVER = frozenset({"ui_widget", "social_share", "navigation", "markup_residue"})


# Interface words the line rules leave to the title's judgement (buttons in other languages).
_MORE_UI = frozenset(
    """
    manage preferences agree consent accept compartir cerrar suscríbete suscribete inicio menú
    buscar teilen schließen suchen partager fermer rechercher condividi chiudi cerca partilhar
    fechar pesquisar sharing options messenger pinterest flipboard sms whatsapp
    """.split()
)


_ANY_UI = _UI_WORDS | _MORE_UI

_SECTION_WORDS = frozenset(
    """
    news world politics business sport sports weather culture travel future sounds home
    opinion health science tech technology entertainment lifestyle video videos live markets
    money earth arts style food local national international economy education climate
    """.split()
)


@lru_cache(maxsize=8192)
def headline_like(text: str) -> bool:
    """Shaped like a headline: a few words, no list bullet, no address, no UI wording,
    not a date, not a sentence of running text."""
    # (Every test below says no on its own: the cheap one that says it most, a list's
    # bullet, goes first, before the line is cut into words; the regex only on a line opening
    # as its match does, see `_headline_shaped`.)
    first = text[:1]
    if (first in _BULLETS or first == "o" or first.isdecimal()) and _BULLET_START.match(text):
        return False
    tokens = words(text)
    if not 1 <= len(tokens) <= 40 or len(text) > 300:
        return False
    if _by_match(text) or _not_headline(text):
        return False
    if find_dates(text) or (len(tokens) <= 6 and credit_agency(text)[0]):
        return False  # a date, or a wire credit ("AP Istanbul", "Reuters staff")
    if len(tokens) <= 3 and text.isupper() and known_place(text):
        return False  # "MOSCOW": a dateline on its own line
    lowered = [t.lower() for t in tokens]
    if sum(map(_ANY_UI.__contains__, lowered)) * 2 >= len(tokens):
        return False  # "Share Close extra sharing options", "Your Account"
    if len(tokens) >= 4 and all(t in _SECTION_WORDS for t in lowered):
        return False  # "Culture Sounds News Weather Home Sport": a menu run together
    if _not_a_headline_either(text, len(tokens)):
        return False

    return not (len(tokens) > 22 and text.endswith("."))


def _headline_shaped(text: str) -> bool:
    """`headline_like`, a list's line answered before its cache is asked: the lines of the
    lists above an article are many, and `headline_like` says no to a bullet first thing.
    (A match of `_BULLET_START` opens with a bullet, an "o" or a digit, `\\d` being a
    character that `str.isdecimal` knows.)"""
    first = text[:1]
    if first in _BULLETS:
        # (After a bullet, `_BULLET_START` wants a space: `\s`, which is what `str.isspace`
        # tells; a test checks all of Unicode.)
        if text[1:2].isspace():
            return False
    elif (first == "o" or first.isdecimal()) and _BULLET_START.match(text):
        return False
    return headline_like(text)


# A link to the previous or next post ("← Older post", "Newer post →"), a picture's caption
# or credit ("… Photo: AP", "Foto: Archivo").
_POST_LINK = re.compile(r"^\s*[←⟵‹«]|[→⟶›»]\s*$")
_BACK_ARROWS = frozenset("←⟵‹«")
_ON_ARROWS = frozenset("→⟶›»")


def _post_link(text: str) -> bool:
    r"""`_POST_LINK`'s match, without the regex: an arrow first or last, spaces aside (`\s` and
    `str.strip` take the same characters for spaces)."""
    return text.lstrip()[:1] in _BACK_ARROWS or text.rstrip()[-1:] in _ON_ARROWS


def _may_be_corporate(text: str) -> bool:
    """`_CORPORATE` searched only where it may match: its match ends the line with a company
    form, so the line's last word (after a space or comma) is one, its dots aside; a word
    outside ASCII goes to the regex (case is ignored beyond `str.lower`)."""
    last = text.rsplit(None, 1)[-1].rsplit(",", 1)[-1] if text.strip() else ""
    if last.isascii() and last.replace(".", "").lower() not in _COMPANY_FORMS:
        return False
    return _CORPORATE.search(text) is not None


# The last word of each of `_CORPORATE`'s forms, without its dots.
_COMPANY_FORMS = frozenset(
    """limited ltd inc llc plc corp corporation co gmbh ag spa srl sa bv nv as ab oy group
    holding holdings publishing publication publications""".split()
)
_CAPTION_CREDIT = re.compile(r"\b(?:photo|foto|image|picture|bild|imagen|immagine)\s*:", re.I)


def _not_a_headline_either(text: str, n_words: int) -> bool:
    """Lines of the page that look like headlines but never are one: a link to the previous
    or next post, a caption's credit, a company's name ("Example Media Ltd", "The Local
    Europe AB"), a menu run together with slashes ("Comedy / Travel / Vlogs")."""
    if _post_link(text) or (":" in text and _CAPTION_CREDIT.search(text)):
        return True
    if n_words <= 6 and not text.endswith(".") and _may_be_corporate(text):
        return True
    if n_words >= 2 and text.rsplit(None, 1)[-1].lower() in _DANGLING:
        return True  # "Machine learning and": a line cut short
    if (
        n_words >= 3
        and text[:3].lower().rstrip(". ") in _WEEKDAYS
        and all(t.lower().rstrip(".") in _WEEKDAYS for t in words(text))
    ):
        return True  # "Mo Tu We Th Fr Sa Su": a calendar's header
    return text.count(" / ") >= 2


_WEEKDAYS = frozenset(
    """
    mo tu we th fr sa su mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday
    thursday friday saturday sunday di mi do so lu ma me je ve ju vi sá do dom lun mar mié mer
    jue jeu vie ven sáb sam
    """.split()
)
# Words a headline never ends on: the line was cut short.
_DANGLING = frozenset("and or of the a an with to for from und oder y o et ou e".split())


def _previous_content(units: list[Unit], index: int) -> Unit | None:
    for unit in reversed(units[max(0, index - 6) : index]):
        if unit.label in _PASSED_OVER:
            continue
        return unit
    return None


def _next_content(units: list[Unit], index: int, limit: int) -> Unit | None:
    # (`islice`, not a slice: the answer is nearly always the first line, and a slice copies
    # the rest of the page first. The same lines for an index and a limit of 0 or more.)
    for unit in islice(units, index + 1, limit):
        if unit.label in _PASSED_OVER and not (unit.n_words <= 8 and find_dates(unit.text)):
            continue
        return unit
    return None


def _after_headline(unit: Unit | None, body_start: int) -> float:
    """How surely this line is the one under a headline: a byline or a date (surest), a
    standfirst, the article itself, a picture."""
    if unit is None:
        return 0.0
    text = unit.text
    if _is_meta(unit):
        return 4.0
    if unit.n_words <= 6 and credit_agency(text)[0]:
        return 4.0  # "Reuters", "AP Istanbul": the wire's byline
    if unit.n_words <= 3 and text.isupper() and known_place(text):
        return 4.0  # "MOSCOW": the dateline under the headline
    standfirst = (
        unit.label is None
        and unit.index != body_start
        and (unit.n_words >= 8 or (unit.n_words >= 5 and ends_sentence(text)))
    )
    if unit.label is None and unit.n_words <= 14:
        # "Jane Doe, Chief Correspondent" is a byline; a bare name likely one. (A standfirst
        # scores a bare name's points: the name need not be looked for then.)
        # (The role is looked for only where it tells: a standfirst needs one, a name found
        # scores by it.)
        if standfirst:
            if _role_tokens(unit.tokens, limit=None) and person_line(text):
                return 4.0
        elif person_line(text):
            return 4.0 if _role_tokens(unit.tokens, limit=None) else 2.5
    if standfirst:
        return 2.5  # a standfirst
    if unit.index == body_start:
        return 2.0
    if unit.label == "caption":
        return 2.0
    return 0.0


def _is_meta(unit: Unit) -> bool:
    """A byline or a date line (a bulleted one too: "* 10 April 2020")."""
    text = unit.text
    if unit.label in ("byline", "date_line", "reading_widget") or _by_match(text):
        return True
    return unit.n_words <= 20 and _has_a_date(text)


def _has_a_date(text: str) -> bool:
    """`_has_date`, its numeric pattern searched only where it may match: a match of
    `_NUMERIC_DATE` holds a "/" or a ".", so a line with neither holds none."""
    return bool(find_dates(text)) or (
        ("/" in text or "." in text) and _NUMERIC_DATE.search(text) is not None
    )


_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b")


def _has_date(text: str) -> bool:
    """A calendar date, or a numeric one whatever its order ("08/05/2022")."""
    return bool(find_dates(text)) or _NUMERIC_DATE.search(text) is not None


_CREDIT_END = re.compile(r"(?:[.,]\s*|\s[/|]\s*)(?:\w+\s*/\s*)?(?P<agency>\w+)\)?$")


def _credit_end(text: str) -> re.Match[str] | None:
    """`_CREDIT_END`'s match, searched only where it may be: the match opens with a "." or a
    "," or a "/" or "|" after a space, so a line with none of the four has none."""
    if "." in text or "," in text or "/" in text or "|" in text:
        return _CREDIT_END.search(text)
    return None


_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


def _long_words(text: str, tokens: list[str]) -> list[str]:
    """`_TITLE_WORD.findall(text)`, the runs of four letters or more, read from the text's
    words (`tokens`, `words(text)`) on ASCII: there every letter stands in a word (a word is
    every run of letters and digits, and what joins them: "'", "’", ".", "-"), so the runs
    are those of the words in order; a word of letters only is one run, whole; a shorter word
    holds none; the other words go to the regex."""
    if not text.isascii():
        return _TITLE_WORD.findall(text)
    runs: list[str] = []
    for token in tokens:
        if len(token) < 4:
            continue
        if token.isalpha():
            runs.append(token)
        else:
            runs += _TITLE_WORD.findall(token)
    return runs


_SENTENCE_END = re.compile(r"[.!?]\s")
_LONGER = 4  # words a standfirst has beyond its headline
_SHORT_SENTENCE = 6  # words of a sentence atop the page that may head it (a lead is longer)
_TITLE_WINDOW = 250  # lines above the article where its headline may be


@dataclass
class Headline:
    """A headline candidate and how it scored (for `find_title` and for tuning): `why` lists
    the points it scored when `score_headlines` is asked to explain them (empty otherwise),
    `after` how surely the line under it is a headline's (`_after_headline`)."""

    unit: Unit
    score: float
    repeats: int
    why: str
    after: float = 0.0


def score_headlines(
    units: list[Unit],
    body_start: int,
    capture_key: str = "",
    body_end: int | None = None,
    *,
    explain: bool = False,
) -> list[Headline]:
    """Every headline-shaped line above the article (or opening it), scored: repeated by the
    page (a breadcrumb, a share link, the scraper's header), followed by a byline, a date, a
    standfirst or the article itself, near the article, of a headline's length. UI text,
    list bullets, dates, names and wire credits are never candidates. With `explain`, each
    candidate's `why` says what scored (for tuning: the scores never depend on it, and adding
    pages never asks for it)."""
    if not units:
        return []
    limit = min(body_start, len(units) - 1)
    start_unit = units[limit] if limit == body_start else None
    window = max(0, limit - _TITLE_WINDOW)
    candidates = [
        u
        for u in units[window : limit + 1]
        if u.label in (None, "keyword_caps")
        and (
            u.index < body_start
            # The article's first line is its headline only when it reads like one.
            or (
                u is start_unit
                and u.n_words <= 20
                # A short sentence atop the page is its heading too ("Time to move on.").
                and (
                    u.text.endswith("?")
                    or not ends_sentence(u.text)
                    or (u.index == 0 and u.n_words <= _SHORT_SENTENCE)
                )
                and not _SENTENCE_END.search(u.text)
            )
        )
    ]
    # A bulleted headline stands right over a byline (`_bulleted_headline`): the lines over
    # the window's bylines, not every line, are looked at.
    bulleted = {
        u.index
        for b in units[window + 1 : limit + 1]
        if b.label == "byline"
        for u in (units[b.index - 1],)
        if u.text[:1] in _BULLETS and _bulleted_headline(units, u)
    }
    if bulleted:
        candidates = sorted(
            {u.index: u for u in candidates + [units[i] for i in bulleted]}.values(),
            key=lambda u: u.index,
        )
    candidates = [
        u
        for u in candidates
        if _headline_shaped(_unbulleted(u.text) if u.index in bulleted else u.text)
        # "Jane Doe, Senior Reporter", "Business reporter": a byline, not a headline.
        # (`isdisjoint` over the words lower-cased: `any(t.lower() in _ROLE_NOUNS ...)` in C.)
        and not (not _ROLE_NOUNS.isdisjoint(map(str.lower, u.tokens)) and person_line(u.text))
        and not (u.n_words <= 4 and _role_tokens(u.tokens))
    ]
    if not candidates:
        return []
    # Below the first byline or date that follows a headline-shaped line come captions and
    # subheadings, not the headline.
    meta_after_headline = None
    for u in candidates:
        if meta_after_headline is not None and u.index >= meta_after_headline:
            break  # (candidates come in order, and a line's byline is below it)
        # A sentence (a blog's motto) is no headline.
        if u.n_words >= 3 and not u.text.endswith("."):
            index = _meta_after(units, u, limit)
            if index is not None and (meta_after_headline is None or index < meta_after_headline):
                meta_after_headline = index
    # Lines that may repeat a headline (a paragraph of text that does is quoted by a caption).
    page = "\n".join([u.key for u in units if u.n_words <= 45 and not u.prose])
    # How often each candidate's line stands on the page: only the candidates' keys are ever
    # looked up, so only their lines are counted (the same counts for them).
    keys = {u.key for u in candidates}
    lines = Counter(filter(keys.__contains__, map(attrgetter("key"), units)))
    crumbs = {
        comparable(parts[-1])
        for u in [u for u in units if u.label == "breadcrumb"]
        for parts in [[p for p in _BREADCRUMB_SEP.split(u.text) if p.strip()]]
        if parts
    }
    # Lines of content between each candidate and the article (menus and buttons aside).
    # (The lines of content of the window above the article, in order: a candidate's count is
    # how many stand after it, found by bisection.)
    content_lines = [
        u.index
        for u in units[window : min(limit, body_start - 1) + 1]
        if u.label is None and u.n_words >= 3
    ]
    wanted = {u.index for u in candidates}
    # The article's words: a headline is about what the article says.
    end = body_end if body_end is not None else body_start + 12
    opening = [u for u in units[body_start : end + 1] if u.prose][:30]
    # Every word of the opening (the candidates' words are the long ones: no need to filter).
    told = set(" ".join([u.key for u in opening[:12]]).split())
    if not any(len(t) >= 4 for t in told):
        told = set()
    article_text = "\n".join([u.key for u in opening])
    scored: list[Headline] = []
    next_of: dict[int, Unit | None] = {}  # each candidate's next line of content (asked twice)
    for unit in candidates:
        key = unit.key
        if not key:
            continue
        # (`why` is written only when asked: the scores never read it.)
        why: list[str] | None = [] if explain else None
        score = 0.0
        n = unit.n_words
        seen = lines[key]
        if n >= 4:
            seen = max(seen, page.count(key) + unit.prose)
        repeats = seen - 1 + (key == capture_key) + (key in crumbs)
        if lines[key] >= 3 and _clustered(units, unit.index, key):
            repeats = 4  # a search box or a button, printed over and over in a few lines
        if 1 <= repeats <= 3:
            # A section name or the site's name repeats too: short lines count for less.
            score += (2 + min(repeats, 3) * 0.5) if n >= 3 else 0.5
            if why is not None:
                why.append(f"rep{repeats}")
        elif repeats > 3:
            score -= 2  # a menu entry or a widget repeated all over the page
            if why is not None:
                why.append("menu")
        nxt = next_of[unit.index] = _next_content(units, unit.index, len(units))
        after = _after_headline(nxt, body_start)
        label_under = _section_label_under(units, unit, nxt)
        if label_under:
            after = max(after, _UNDER_SECTION_LABEL)  # headline, section label, byline
        elif n <= _SECTION_LABEL_WORDS and _section_label_under(
            units, _previous_content(units, unit.index), unit
        ):
            score -= 2  # the section label between a headline and its byline
            if why is not None:
                why.append("section-label")
        score += after
        if why is not None:
            why.append(f"after{after:g}")
        if (
            n <= 3
            and nxt is not None
            and nxt.index in wanted
            and n < nxt.n_words <= 20
            and not nxt.text.endswith(".")
        ):
            kicker = True
            score -= 1  # a kicker or a section name above the headline
            if why is not None:
                why.append("kicker")
        else:
            kicker = False
        between = len(content_lines) - bisect_right(content_lines, unit.index)
        score += 2 if between <= 3 else 1 if between <= 8 else 0
        if between > 25:
            score -= 1
        if why is not None:
            why.append(f"c{between}")
        score += 1 if 4 <= n <= 25 else -1.5 if n <= 2 else 0
        if n == 1 and unit.text.isupper():
            score -= 2  # "PDF", "NEWS": a label, not a headline
        if unit.text.endswith("."):
            score -= 1.5
        if unit.text[:1].islower() or not (unit.text[:1].isalnum() or unit.text[:1] in "\"'“‘¿¡«"):
            score -= 2
        if meta_after_headline is not None and unit.index > meta_after_headline:
            score -= 2
            if why is not None:
                why.append("under-byline")
        m = _credit_end(unit.text)
        if m and agency_name(m.group("agency")):
            score -= 3  # "… in Antarctica on 11 February. EFE": a picture's caption
            if why is not None:
                why.append("credit")
        quoted = n >= 4 and key in article_text
        content = {t for t in key.split() if len(t) >= 4}
        if content and told and not (quoted and not repeats):  # a quoted line is told
            shared = len(content & told) / len(content)
            score += 4 * shared if len(content) >= 2 else 1.5 * shared
            if why is not None:
                why.append(f"told{shared:.1f}")
        if (
            n <= 2
            and not kicker
            and len(key) >= 4
            and opening
            and _mentions(opening[0].key, key)
            and _mentions(article_text, key) >= 3
        ):
            score += 3  # a headword: the article goes on about it
            if why is not None:
                why.append("headword")
        long_words = _long_words(unit.text, unit.tokens) if n >= 4 else []
        capitals = sum(map(str.isupper, map(itemgetter(0), long_words)))
        if long_words and capitals >= 0.7 * len(long_words):
            score += 1  # Title Case
            if why is not None:
                why.append("Tc")
        if n <= 14 and person_line(unit.text):
            # A bare name may be a title ("Leadership Styles"); a name with a role is a byline.
            score -= 3 if any(t.lower() in _ROLE_WORDS for t in unit.tokens) else 1
            if why is not None:
                why.append("name")
        if quoted:
            score -= 3  # a caption quoting the article's own sentence
            if why is not None:
                why.append("quotes")
        if unit.label == "keyword_caps":
            score -= 1
        if n >= 6 and _in_menu(units, unit):
            score -= 3  # a menu's row of links between its entries
            if why is not None:
                why.append("in-menu")
        scored.append(Headline(unit, score, repeats, " ".join(why) if why else "", after))
    # A headline, its standfirst, then the byline: the standfirst scores the byline's point,
    # but the headline is the line above it.
    by_index = {h.unit.index: h for h in scored}
    for head in scored:
        nxt = next_of[head.unit.index]
        stand = by_index.get(nxt.index) if nxt is not None else None
        if stand is None:
            continue
        if (
            head.unit.n_words >= 2
            and stand.after == 4.0
            and stand.unit.prose
            and stand.unit.n_words >= 12
            and stand.unit.text.endswith(".")
            and not head.unit.text.endswith(".")
        ):
            # A sentence between a headline-shaped line and the byline is the standfirst:
            # its points are the headline's (over a section's label, the line above it).
            head = _headline_over_label(units, head, by_index) or head
            head.score = max(head.score, stand.score) + 0.5
            stand.score -= 1.5
            if explain:
                head.why += " above-sentence"
        elif (
            head.unit.n_words >= 4
            and head.repeats <= 3
            and stand.unit.n_words >= 8
            and (
                stand.after == 4.0
                or (
                    stand.unit.n_words >= head.unit.n_words + _LONGER
                    # A standfirst leads to the article; a line over another headline with
                    # its byline or date is the site's motto.
                    and not _over_headline(units, stand, by_index)
                )
            )
        ):
            head.score += 1.5
            stand.score -= 1.5
            if explain:
                head.why += " above-standfirst"
    return scored


_CLUSTER = 6  # lines on either side where a repeated widget shows again


def _in_menu(units: list[Unit], unit: Unit) -> bool:
    """A row of words with no function word among them, between two entries of a menu."""
    if not 0 < unit.index < len(units) - 1:
        return False
    if units[unit.index - 1].label != "navigation" or units[unit.index + 1].label != "navigation":
        return False
    return not any(t.lower() in ALL_FUNCTION_WORDS for t in unit.tokens)


def _clustered(units: list[Unit], index: int, key: str) -> bool:
    """The line is printed three times or more within a few lines (a widget, not a headline
    repeated by the page's header or breadcrumb)."""
    near = units[max(0, index - _CLUSTER) : index + _CLUSTER + 1]
    return sum(u.key == key for u in near) >= 3


def _mentions(text: str, key: str) -> int:
    r"""How often the folded words `key` stand as words in the folded `text`: the matches of
    `(?<!\w)key(?!\w)`, found without compiling a regex for each key (`str.find`, and a
    word character, as `re` sees it, is alphanumeric or "_")."""
    if not key:
        return len(re.findall(r"(?<!\w)(?!\w)", text))
    count = 0
    at = text.find(key)
    while at >= 0:
        end = at + len(key)
        if (at == 0 or not _is_word_char(text[at - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            count += 1
            at = text.find(key, end)
        else:
            at = text.find(key, at + 1)
    return count


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _unbulleted(text: str) -> str:
    return _BULLET_START.sub("", text, count=1) if text[:1] in _BULLETS else text


_BULLETS = frozenset("•·▪●◦‣∙■□►▸*+-")


def _may_be_bulleted(text: str) -> bool:
    """Whether `_BULLET_START` may match: its match opens with a bullet, an "o" or a digit
    (`\\d` is what `str.isdecimal` tells)."""
    first = text[:1]
    return first in _BULLETS or first == "o" or first.isdecimal()


def _bulleted_headline(units: list[Unit], unit: Unit) -> bool:
    """A line of a list right above its byline: a post's heading that the scrape turned into
    a bullet ("* Post title" over "Posted by Jane Doe 21.10.2019")."""
    if unit.label not in (None, "navigation") or unit.text[:1] not in _BULLETS:
        return False
    if unit.n_words < 3 or not _BULLET_START.match(unit.text):
        return False
    nxt = units[unit.index + 1] if unit.index + 1 < len(units) else None
    return nxt is not None and nxt.label == "byline"


def _alone_over_article(scored: list[Headline], units: list[Unit], body_start: int) -> bool:
    """The page's only headline-shaped line stands right over the article: its heading."""
    if len(scored) != 1:
        return False
    head = scored[0].unit
    # The article's own first line only when it opens the page, short ("Time to move on.").
    above = head.index < body_start or (head.index == 0 and head.n_words <= _SHORT_SENTENCE)
    return (
        head.n_words >= 2
        and above
        and all(u.label is not None or u.n_words <= 2 for u in units[head.index + 1 : body_start])
    )


def _meta_after(units: list[Unit], head: Unit, limit: int) -> int | None:
    """The byline or date line right under `head` (menus and buttons passed over), if any:
    the first unit whose previous content (`_previous_content`) is `head`."""
    for unit in units[head.index + 1 : min(head.index + 7, limit + 1)]:
        if _is_meta(unit):
            return unit.index
        if unit.label not in _PASSED_OVER:
            return None
    return None


def _headline_over_label(
    units: list[Unit], line: Headline, by_index: dict[int, Headline]
) -> Headline | None:
    """The longer headline candidate right above the short line (a section's label between
    the headline and its standfirst), if there is one."""
    if line.unit.n_words > _SECTION_LABEL_WORDS:
        return None
    prev = _previous_content(units, line.unit.index)
    above = by_index.get(prev.index) if prev is not None else None
    if (
        above is not None
        and above.unit.n_words > line.unit.n_words + 1
        and not above.unit.text.endswith(".")
    ):
        return above
    return None


def _over_headline(units: list[Unit], line: Headline, by_index: dict[int, Headline]) -> bool:
    """The line stands right above another headline candidate that has its byline or date."""
    nxt = _next_content(units, line.unit.index, len(units))
    below = by_index.get(nxt.index) if nxt is not None else None
    return below is not None and below.after == 4.0


_SECTION_LABEL_WORDS = 4
_UNDER_SECTION_LABEL = 3.0


def _section_label_under(units: list[Unit], head: Unit | None, nxt: Unit | None) -> bool:
    """`nxt` is a short label (a section, a kind: "Album Reviews") between the headline
    `head` (longer than it) and the byline or date."""
    if head is None or nxt is None or nxt.label is not None:
        return False
    if not 1 <= nxt.n_words <= _SECTION_LABEL_WORDS or head.n_words <= nxt.n_words + 1:
        return False
    if ends_sentence(nxt.text) or head.label is not None or not nxt.text[:1].isupper():
        return False
    if head.text.endswith(".") or not headline_like(head.text) or person_line(nxt.text):
        return False  # a standfirst's sentence; a writer's name
    below = _next_content(units, nxt.index, len(units))
    return below is not None and _is_meta(below)


def _capture_headline(text: str, units: list[Unit]) -> bool:
    """The rest of a scraper's header line is a title when it reads as a headline (a few words,
    no UI text, no time) or the page prints it as a line of its own."""
    if not headline_like(text) or _RELATIVE_TIME.search(text):
        return False
    key = comparable(text)
    return len(words(text)) >= 3 or any(u.key == key for u in units[1:40])


_RELATIVE_TIME = re.compile(r"(?i)\b\d+\s+(?:seconds?|minutes?|mins?|hours?|days?)\s+ago\b")


def find_title(
    units: list[Unit], body_start: int, capture_title: str | None, body_end: int | None = None
) -> Found | None:
    """The headline as the page states it: the best-scored headline line (`score_headlines`),
    nearest the article on a tie. The scraper's header gives a title only when it is
    headline-like itself."""
    capture = capture_title if capture_title and _capture_headline(capture_title, units) else None
    capture_key = comparable(capture) if capture else ""
    scored = score_headlines(units, body_start, capture_key, body_end)
    best = max(reversed(scored), key=lambda h: h.score, default=None)
    if (
        capture is not None
        and best is not None
        and best.score >= 3
        and best.unit.key in capture_key
    ):
        capture = None  # "Headline | Site": the page's own line, without the site's name
    if capture is not None and (best is None or best.unit.key != capture_key):
        # The scraper's header names the page: trusted when it is a headline itself.
        return Found(capture, None, "title_capture", capture)
    named = _named_by_comments(units[body_start:])
    if named is not None and (best is None or best.unit.key != comparable(named[0])):
        return _comments_title(units, body_start, *named)
    if best is None or (best.score < 3 and not _alone_over_article(scored, units, body_start)):
        return None
    # A headline printed twice in a row (the page's heading, then the article's): the first
    # is the article's header, as it is written.
    while (
        prev := _previous_content(units, best.unit.index)
    ) is not None and prev.key == best.unit.key:
        best = Headline(prev, best.score, best.repeats, best.why, best.after)
    rule = "title_repeated" if 1 <= best.repeats <= 3 else "title_headline"
    text = _unbulleted(best.unit.text)
    return Found(text, best.unit.index, rule, best.unit.text)


# The heading over a post's comments names the post: "5 thoughts on “Title”", "One
# Response to “Title”", "12 Kommentare zu „Title“".
_COMMENTS_ON = re.compile(
    r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:thoughts?|responses?|"
    r"comments?|repl(?:y|ies)|kommentare?|comentarios?|commentaires?|commenti)\s+"
    r"(?:on|to|zu|en|a|sur|su)\s+[“\x22«„‘']\s*(?P<title>.+?)\s*[”\x22»“’']$",
    re.IGNORECASE,
)


_CLOSING_QUOTES = frozenset("”\"»“’'")


def _named_by_comments(units: list[Unit]) -> tuple[str, Unit] | None:
    """The title a comments' heading among `units` (the page under the article) names."""
    for unit in units:
        if 3 <= unit.n_words <= 45 and unit.text[-1:] in _CLOSING_QUOTES:
            m = _COMMENTS_ON.match(unit.text)
            if m and headline_like(m.group("title")):
                return m.group("title"), unit
    return None


def _comments_title(units: list[Unit], body_start: int, title: str, heading: Unit) -> Found:
    """The title the comments' heading names, as the page prints it where it does."""
    key = comparable(title)
    line = next((u for u in units if u.key == key and u is not heading), None)
    if line is None:
        return Found(title, None, "title_comments", heading.text)
    # Far from the article (or in it), the line is no header to read a byline under.
    index = line.index if body_start - _HEADER_REACH <= line.index <= body_start else None
    return Found(line.text, index, "title_comments", heading.text)


_HEADER_REACH = 30  # units above the article where its header (headline, byline) stands


def title_units(units: list[Unit], title: str, body_start: int) -> list[int]:
    key = comparable(title)
    return [u.index for u in units[:body_start] if u.key == key]


# --- standfirst --------------------------------------------------------------------------

_SKIPPABLE = frozenset({"ui_widget", "social_share", "reading_widget"})


def find_standfirst(units: list[Unit], title_unit: int | None, body_start: int) -> Found | None:
    """The summary printed right under the headline, when it stands apart from the body."""
    if title_unit is None:
        return None
    title_key = units[title_unit].key
    for unit in units[title_unit + 1 : body_start]:
        if unit.key == title_key or unit.label in _SKIPPABLE:
            continue
        if unit.label is not None or unit.repeated:
            return None
        tokens = words(unit.text)
        if len(tokens) >= 8 and function_word_ratio(tokens) >= 0.1 and not is_date_only(unit.text):
            return Found(unit.text, unit.index, "standfirst")
        return None
    return None


# --- author ------------------------------------------------------------------------------

_PARTICLES = frozenset(
    "de la le da di del della van von der den ter bin ibn al el du dos das y st st.".split()
)
# What introduces a byline's names, in the languages Parallax meets most.
_BY = re.compile(
    r"(?:^|(?<=[|•·,–—-]\s)|(?<=\d\s)|(?<=\()|(?<=\s)(?=(?:written|posted|published|reported|words|text|story|"
    r"reporting|compiled|edited|photos?)\s))(?:(?:written|posted|published|reported|words"
    r"(?:\s+written)?|text|story|reporting|compiled|edited|photos?\s+and\s+text)\s+)?"
    r"(?:by|byline)\b\s*:?\s*"
    r"|(?:^|(?<=[\s|•·]))by(?=[A-Z][a-z])"
    r"|^(?:von|por|par|escribe|escrito\s+por|autor(?:a|e|in)?|author|reporter|writer|"
    r"texto|text)\s*:?\s+",
    re.IGNORECASE,
)
# What a match of `_BY` holds: "by", or the word opening the line ("Von", "Autor:").
_BY_WORDS = Needles(folded="by von por par escri autor author reporter writer text".split())
# The first two letters (lower-cased) of every match of `_BY` at a line's start: its
# lookbehinds need a character before, so a match there opens with "by" or one of the words
# before it ("written", "posted", "published", "reported", "words", "text", "story",
# "reporting", "compiled", "edited", "photo"), or one of the line-opening words ("von",
# "por", "par", "escribe", "escrito", "autor", "author", "reporter", "writer", "texto").
_BY_OPENS = frozenset("by wr po pu re wo te st co ed ph vo pa es au".split())


def _by_match(text: str) -> re.Match[str] | None:
    """`_BY.match(text)`, most lines answered before the regex: a match opens with one of
    `_BY_OPENS`, case aside. (Case is ignored by the regex as `str.lower` ignores it on ASCII;
    a line opening outside ASCII, where the regex's case rules go further ("ſ" is an "s"),
    goes to the regex.)"""
    head = text[:2]
    if head.isascii() and head.lower() not in _BY_OPENS:
        return None
    return _BY.match(text)


_HANDLE = re.compile(r"@\w+|\S+@\S+\.\w+|\[\s*email\s+protected\s*\]", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*|[A-Z]\.(?:[A-Z]\.)*)$")


def _name_token(token: str) -> bool:
    """`_NAME_TOKEN.match(token)`, a capitalised word of letters and digits answered without
    the regex: its first alternative is a capital (`_CAPITALS`) then word characters (`\\w`
    is what `str.isalnum` tells, or "_")."""
    if token[:1] in _CAPITALS and token.isalnum():
        return True
    return _NAME_TOKEN.match(token) is not None


_INITIAL = re.compile(r"^[A-Z]\.?(?:[A-Z]\.?)?$")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\s(?:and|und|y|e|et|og|och|en)\s|/)\s*")
# The words `_NAME_SPLIT` splits on (as written: the regex minds case).
_NAME_JOINS = frozenset("and und y e et og och en".split())


def _split_names(text: str) -> list[str]:
    """`_NAME_SPLIT.split(text)`, a text it cannot split given back at once: a match holds a
    ",", ";", "/" or "&", or one of `_NAME_JOINS` between spaces (`\\s`, what `str.split`
    splits on), so a word of the text on its own."""
    if (
        "," in text
        or ";" in text
        or "/" in text
        or "&" in text
        or not _NAME_JOINS.isdisjoint(text.split())
    ):
        return _NAME_SPLIT.split(text)
    return [text]


# Where a byline's names end: a separator, a date, a time, "on", "at", "for", a link.
_NAME_END = re.compile(
    r"\s(?:[|•·—–]|-\s)|\s[-–—]$|\(|\)|\d|https?:|\s(?:on|at|am|um|le|el|il|in|for|from|para|"
    r"pour|für|with|who|is|has|was|said|says|posted|published|updated|last|view|follow|see|"
    r"more|read|share|leave|post|comments?)\b",
    re.IGNORECASE,
)
_ROLE_WORDS = frozenset(
    """
    reporter correspondent editor writer journalist columnist contributor staff chief senior
    political diplomatic foreign economics business deputy associate managing news desk
    professor lecturer fellow researcher analyst bureau head special international attorney
    education health science technology tech environment sports sport arts culture politics
    political opinion features food travel investigations investigative data digital video
    photographer producer host anchor contributing executive assistant intern freelance
    phd md mba dr prof emeritus editorial team reporters correspondents writers editors
    """.split()
)
# The roles themselves, without the beats ("Travel Editor", not "Travel Advice").
_ROLE_NOUNS = frozenset(
    """
    reporter correspondent editor writer journalist columnist contributor staff chief
    professor lecturer fellow researcher analyst attorney photographer producer host anchor
    intern phd md mba dr prof emeritus reporters correspondents writers editors
    """.split()
)
# Words of the page's interface and of dates that a byline runs into ("Jane Doe Share").
_NOT_NAME = frozenset(
    """
    date time share tweet email print comment comments follow subscribe view read more updated
    published recent posts post local popular trending related top stories story latest
    newsletter newsletters podcast podcasts events jobs shop store sections topics tags
    categories archives archive blog contact privacy terms cookies help support careers
    advertise sign register account edition world business sports politics culture science
    health travel style entertainment lifestyle videos gallery weather live watch listen
    foundation foundations institute university college center centre department office
    program programme project marketing communications group media network online daily
    times journal magazine press agency inc ltd llc corp company team buy now page pages pro
    free get shop cart download app apps chapter fiction review reviews guide dark mode light
    go top menu toggle skip navigation settings loading fullscreen icon notifications close
    posted advertisement about contact home menu search login latest twitter facebook
    linkedin instagram whatsapp pinterest reddit flipboard telegram profile author authors
    staff january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday today yesterday
    the a an this that our your my his her their its new all min mins minute minutes hours
    ago photo photos image video opinion news
    """.split()
)
_AGENCY_IN_BYLINE = re.compile(rf"(?<=\w)\s+(?:{AGENCY})(?:\s|$)")
_ENGLISH_FUNCTION = FUNCTION_WORDS["en"] - {"will", "can", "al"}
_MONTH_GLUED = re.compile(
    r"(?<=[a-z])(?=(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|Updated|Published|Posted)\b)"
)
_GLUED_HINT = re.compile(r"[a-z][ADFJMNOPSTUW]")  # the names' first letters


def _may_be_glued(word: str) -> bool:
    """`_GLUED_HINT.search(word)`, a word in one case ("Jane", "DOE", "doe") answered at once:
    a match is a lower-case letter then a capital (cased both), so a word whose letters after
    the first are all lower-case, or whose letters are all capitals, holds none."""
    if word[1:].islower() or word.isupper():
        return False
    return _GLUED_HINT.search(word) is not None


@lru_cache(maxsize=8192)
def _clean_byline(text: str) -> str:
    """A byline without handles, addresses and dates (a date ends the names: "|")."""
    # Each substitution runs only where a cheap test finds what it needs: a lower-case letter
    # before a name's capital, a handle's "@" or "[email protected]"'s bracket, an agency.
    if _GLUED_HINT.search(text):
        text = _MONTH_GLUED.sub(" ", text)
    if "@" in text or "[" in text:
        text = _HANDLE.sub(" | ", text)
    if may_name_agency(text):
        text = _AGENCY_IN_BYLINE.sub(" | ", text)  # "JANE DOE Associated Press": the wire ends it
    for d in reversed(find_dates(text)):
        text = text[: d.start] + " | " + text[d.end :]
    return " ".join(text.split())


_INITIAL_OR_SUFFIX = re.compile(r"(?:[A-Z]|Jr|Sr|St)\.")
_CAPITAL = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž]")  # what `_NAME_TOKEN` and `_INITIAL` open with
# The characters `_CAPITAL` matches (all below U+0180): `_CAPITAL.match(word)` is
# `word[:1] in _CAPITALS`, without a regex's call.
_CAPITALS = frozenset(c for c in map(chr, range(0x180)) if _CAPITAL.match(c))


def _one_name(segment: str, *, explicit: bool, alone: bool) -> str | None:
    """The segment as a person's name, its role cut ("Jane Doe Staff Writer"), else None."""
    tokens = segment.strip(" ,;:'\"“”").split()
    if tokens and tokens[-1].endswith(".") and not _INITIAL_OR_SUFFIX.fullmatch(tokens[-1]):
        tokens[-1] = tokens[-1].rstrip(".")  # a full stop, not an initial's ("Joe S.", "Jr.")
    # At once, what the checks below would find in the end: the first word of a name is a
    # capitalised word or an initial (the cuts below keep it, or leave no name); without
    # "By", so is the second (kept too, as a name has two words), or a particle ("de").
    if not tokens or tokens[0][:1] not in _CAPITALS:
        return None
    if not explicit and (
        len(tokens) < 2
        or not (tokens[1][:1] in _CAPITALS or tokens[1].lower().strip(".,") in _PARTICLES)
    ):
        return None
    # The page's furniture after a name ("Jane Doe Twitter Account"): the name ends there.
    for position, token in enumerate(tokens):
        if position >= 1 and token.lower().strip(".,") in _NOT_NAME:
            if position < 2:
                return None  # "Miami Today", "Wikimedia Foundation": a name of a place or body
            tokens = tokens[:position]
            break
    while tokens and tokens[-1].lower().strip(".,") in _ROLE_WORDS:
        tokens.pop()
    if not tokens or len(tokens) > 5:
        return None
    if len(tokens) == 1 and not (explicit and alone):
        return None
    shouted = all(t.isupper() for t in tokens if t[:1].isalpha())
    for position, token in enumerate(tokens):
        low = token.lower().strip(".,")
        if low in _NOT_NAME or low in _ROLE_WORDS or not any(c.isalpha() for c in token):
            return None
        if "_" in token or token.endswith(("'s", "’s")):
            return None  # "Jane Doe's blog": a possessive names a thing of hers
        if len(token) > 1 and agency_name(token):
            return None  # "AP Istanbul": a wire credit, not a person
        if low in _ENGLISH_FUNCTION and low not in _PARTICLES:
            return None  # "How To Grow and Care For Roses" is not two people
        if _name_token(token) or _INITIAL.match(token):
            continue
        if position and low in _PARTICLES:
            continue
        # "Mobasir hassan": a lower-case surname, only after an explicit "By".
        if explicit and position and len(tokens) <= 3 and low not in ALL_FUNCTION_WORDS:
            continue
        return None
    if tokens[-1].lower() in _PARTICLES:
        return None
    name = " ".join(tokens)
    if agency_name(name):
        return None
    if shouted and len(name) > 3:
        name = " ".join(
            t if t.lower() in _PARTICLES else t[:1] + t[1:].lower() for t in name.split()
        )
    return name


def names_in(text: str, *, explicit: bool) -> list[str]:
    """The people a byline names, in order ("Jane Doe, John Roe and Ann Lee | Reuters").

    Stops at the first part that is not a name; a role between names ends the list
    ("Jane Doe, Staff Attorney, Some Foundation" -> ["Jane Doe"]).
    """
    text = _clean_byline(text)
    m = _NAME_END.search(text)
    if m:
        text = text[: m.start()]
    segments = [s for s in _split_names(text) if s.strip()]
    names: list[str] = []
    for segment in segments[:8]:
        name = _one_name(segment, explicit=explicit, alone=len(segments) == 1)
        if name is None:
            break
        names.append(name)
    return names


_PERSON_LINE_CUT = re.compile(r"\s[|•·—–-]\s|\s\|$")


def _person_head(text: str) -> str:
    """The text up to its first `_PERSON_LINE_CUT`: every match holds one of its marks, so a
    text holding none is given back whole, without the regex."""
    if "|" in text or "-" in text or "•" in text or "·" in text or "—" in text or "–" in text:
        return _PERSON_LINE_CUT.split(text, maxsplit=1)[0]
    return text


# What may stand before a name's first word that `_one_name` strips or splits on.
_NAME_LEAD = frozenset(" ,;:'\"“”/")


def _no_name_ahead(text: str) -> bool:
    """Whether the line's first two words show at once that `person_line` finds no name: the
    first is not capitalised, or the second (letters only) neither capitalised nor a particle.

    Why the answer is the same: the names are read from the line's first segment, and
    `_one_name` (not "explicit") wants its first word capitalised and its second capitalised
    or a particle. Cleaning the line only replaces what it cuts (a handle, an agency, a date)
    by " | ", which ends the head `names_in` reads (or, at its start, leaves no name); the
    cuts and splits of `names_in` end the segment early. So the segment's first word opens
    with the line's first character (unless that is a quote or separator `_one_name` strips
    or splits on: then the plain path runs), and its second word, if any, is the line's
    second word whole when that is letters only (no digit, bracket, separator or handle cuts
    into it). A month glued to a word ("DoeMarch") splits a word: then the plain path runs.

    A first word of letters only is the segment's first word whole (no date starts inside a
    run of letters, and a date that starts with it leaves no name), and `_one_name` turns a
    name down whose first or second word is one of `_NO_NAME_OPENS` ("The", "Home",
    "Support", "Breaking News"): a second word of the page's furniture at once; a role cut
    from the end leaves one word (no name) or keeps the word; the words after a name are
    cut at the second word or later; and each word kept is then looked up.
    """
    parts = text.split(None, 2)
    if not parts or parts[0][0] in _NAME_LEAD:
        return False
    first = parts[0]
    # (A glued month splits a word after a lower-case letter, never before the line's first
    # character: a first word not capitalised tells before the glue is looked for.)
    if first[:1] not in _CAPITALS:
        return True
    if _may_be_glued(first) or (len(parts) > 1 and _may_be_glued(parts[1])):
        return False
    if first.isalpha() and first.lower() in _NO_NAME_OPENS:
        return True
    if len(parts) < 2:
        return True
    second = parts[1]
    if not second.isalpha():
        return False
    low = second.lower()
    return low in _NO_NAME_OPENS or (second[:1] not in _CAPITALS and low not in _PARTICLES)


# The words `_one_name` never keeps in a name (lower-cased): the page's furniture, a role,
# an English function word that is no particle.
_NO_NAME_OPENS = _NOT_NAME | _ROLE_WORDS | (_ENGLISH_FUNCTION - _PARTICLES)


@lru_cache(maxsize=8192)
def person_line(text: str) -> str | None:
    """The name(s) on a line that is only people ("Jane Doe", "Jane Doe, Chief Reporter",
    "Jane Doe Senior Reporter", "Jane Doe | Professor of Economics"), joined by "; "."""
    if len(text) > 120 or _by_match(text) or _no_name_ahead(text):
        return None
    cleaned = _clean_byline(text)
    head = _person_head(cleaned)
    names = names_in(head, explicit=False)
    if not names:
        return None
    rest = _split_names(head)
    # Every part is a name or a role (after a role, the employer may follow): nothing else.
    for part in rest:
        part = part.strip(" .")
        if not part:
            continue
        if _role_line(part):
            break
        if _one_name(part, explicit=False, alone=False) is None:
            return None
    return "; ".join(names)


_BIO_VERB = re.compile(
    r"\s+(?:is|was|has|had|writes|wrote|covers|covered|lives|joined|works|worked|teaches)\b"
)


def is_author_bio(text: str, author: str) -> bool:
    """A paragraph about the author ("Jane Doe is a senior writer…", "Jane has worked…")."""
    for name in author.split("; "):
        parts = name.split()
        if not parts:
            continue
        if text.startswith(name + " ") and len(parts) >= 2:
            return True
        if text.startswith(parts[0]) and _BIO_VERB.match(text, len(parts[0])):
            return True
    return False


# Notes whose "by" is no byline ("This story has not been edited by Example staff").
_NOT_BYLINES = frozenset({"syndication_note", "editorial_note", "legal_footer"})
_BIO_REACH = 6  # closing paragraphs where the author's bio may sit


def closing_bio(paragraphs: list[str], author: str) -> int | None:
    """The first of the article's last paragraphs that is the author's bio, if any (never in
    the article's first half, nor one of its first two paragraphs). Short lines (a role,
    links, a heading) do not count as paragraphs."""
    long = [k for k, text in enumerate(paragraphs) if text.count(" ") >= 7]
    if len(long) < 3:
        return None
    first = max(2, (len(long) + 1) // 2, len(long) - _BIO_REACH)
    for k in long[first:]:
        if is_author_bio(paragraphs[k], author):
            return k
    return None


def _role_line(text: str) -> bool:
    return _role_tokens(words(text))


def _role_tokens(tokens: list[str], limit: int | None = 6) -> bool:
    """A few words (`limit` at most), one of them a role ("Senior Reporter")."""
    if limit is not None and not 1 <= len(tokens) <= limit:
        return False
    return any(t.lower() in _ROLE_WORDS for t in tokens)


def _byline_names(unit: Unit) -> list[str]:
    if unit.n_words > 80 or (unit.n_words > 40 and not _by_match(unit.text)):
        return []
    if not _BY_WORDS.may_hold(unit.text):
        return []  # no "by" (cleaning the line only cuts its words apart: none comes of it)
    text = _clean_byline(unit.text)
    for m in _BY.finditer(text):
        names = names_in(text[m.end() :], explicit=True)
        if names:
            return names
    return []


def _is_bare_by(text: str) -> bool:
    return _BARE_BY.fullmatch(text.strip()) is not None


_BARE_BY = re.compile(r"(?i:by|von|por|par|author|written\s+by)\s*:?")


def find_author(
    units: list[Unit], title_unit: int | None, body_start: int, body_end: int | None = None
) -> Found | None:
    """The byline's names ("; " between several), without handles, dates, roles or markup.

    Looked for under the headline (or just above the article), then just above the
    headline, then in a "Posted by" line right after the article; never among comments.
    """
    if title_unit is not None:
        header = units[title_unit + 1 : body_start + 1]
        above = units[max(0, title_unit - 3) : title_unit]
    else:
        header = units[max(0, body_start - 15) : body_start + 1]
        above = []
    # The article's first lines too: a byline the body's run reached over.
    opening = units[body_start + 1 : body_start + 8]
    region = [*header, *above, *opening]
    # The short lines of the region holding no "by" word (see `_byline_names`): noted, for
    # `_credit_byline` to pass them over as well without looking again.
    no_by: set[int] = set()
    # "By Jane Doe and John Roe", "Posted by …", "Von …": the names after the word.
    for unit in region:
        if unit.index >= body_start and unit.n_words > 20 and not _by_match(unit.text):
            continue
        if unit.label in _NOT_BYLINES:
            continue
        if unit.n_words <= _MAX_CREDIT_LINE and not _BY_WORDS.may_hold(unit.text):
            # No "by" word: no names after one (`_byline_names` says no at once), and no bare
            # "By" either (its words are among `_BY_WORDS`).
            no_by.add(unit.index)
            continue
        names = _byline_names(unit)
        if names:
            return _author(names + _continued(units, unit), unit, "byline")
        # (A bare "By" is one or two words, "Written by:": a longer line is passed at once.)
        if unit.n_words <= 2 and _is_bare_by(unit.text):
            # "By" on its own line, the names on the next ones.
            found: list[str] = []
            for nxt in units[unit.index + 1 : unit.index + 4]:
                names = names_in(nxt.text, explicit=True) if nxt.n_words <= 12 else []
                if not found and not names and _HANDLE_NAME.fullmatch(nxt.text):
                    found.append(nxt.text)  # "by" over "jdoe42": the writer's handle
                    break
                if not names:
                    if nxt.text.strip().lower() in {"and", "&", ","}:
                        continue
                    break
                found.extend(names)
            if found:
                return _author(found, unit, "byline")
    # A line that is only names: with a role, a handle, a date after them, or under the title.
    content_position = 0
    for unit in [*header, *opening[:4]]:
        if unit.label is None:
            content_position += 1
        in_article = unit.index >= body_start
        if in_article and (unit.n_words > 5 or unit.prose):
            continue
        if unit.n_words > 20:
            # "Jane Doe Updated Mar 12, 2020 … Share Tweet …": names, then the date, at once.
            lead = _clean_byline(" ".join(unit.text.split()[:12]))
            if title_unit is not None and content_position <= 4 and _NAME_THEN_DATE.match(lead):
                names = names_in(lead, explicit=False)
                if names:
                    return _author(names, unit, "name_and_date")
            continue
        text = unit.text
        if (
            not in_article
            and title_unit is not None
            and content_position <= 4
            and _AFFILIATION.search(text)
        ):
            # "* Jane Doe1, John Roe2": a paper's authors, bulleted, with their affiliations.
            text = _AFFILIATION.sub("", _BULLET_START.sub("", text, count=1))
        names = person_line(text)
        if (
            names is None
            and unit.label in (None, "date_line", "caption")
            and (find_dates(text) or _DATE_WORD.search(text))
        ):
            # "Jane Doe 27 February 2025", "Jane DoeUpdated Mar 12": names glued to the date.
            lead = names_in(text, explicit=False)
            cleaned = _clean_byline(text)
            if lead and comparable(cleaned).startswith(comparable(lead[0])):
                return _author(lead, unit, "name_and_date")
        if names is None and title_unit is not None and content_position <= 4 and not in_article:
            # "Example News 02/10/2020 Jane Doe": the names after the date, at the line's end.
            after = _after_date(text)
            names = person_line(after) if after else None
            if names:
                return _author(names.split("; "), unit, "date_and_name")
        if names is None:
            continue
        nxt = _next_content(units, unit.index, len(units))
        right_after_title = content_position <= 4 and title_unit is not None and not in_article
        dated_next = nxt is not None and (
            is_date_only(nxt.text)
            or _role_line(nxt.text)
            or (nxt.n_words <= 20 and _has_date(nxt.text))
        )
        if in_article and not dated_next:
            continue  # in the article's first lines, a bare name needs its date under it
        if (
            _HANDLE_IN_LINE.search(text)
            or comparable(names.replace(";", " ")) != comparable(_clean_byline(text))
            or right_after_title
            or dated_next
        ):
            return _author(names.split("; ") + _continued(units, unit), unit, "name_line")
    # "Posted by Jane Doe at 2:33 PM" right after the article (a blog's footer line), or an
    # author's box a little further ("Author: Jane Doe", "About the author - Jane Doe").
    if body_end is not None:
        closing = units[max(body_start + 1, body_end - 2) : body_end + 1]
        for unit in closing:
            m = _author_label(unit.text)
            if m and unit.n_words <= 12:
                names = names_in(unit.text[m.end() :], explicit=True)
                if names:
                    return _author(names, unit, "author_label")
        for position, unit in enumerate(units[body_end + 1 : body_end + 16]):
            if _COMMENTS_WORDS.may_hold(unit.text) and _COMMENTS.search(unit.text):
                break  # the comments: their names are commenters'
            bulleted = _may_be_bulleted(unit.text)
            text = _BULLET_START.sub("", unit.text) if bulleted else unit.text
            m = _author_label(text)
            if m:
                names = names_in(text[m.end() :], explicit=True)
                if names:
                    return _author(names, unit, "author_label")
            if (
                position < 3
                and not (bulleted and _BULLET_START.match(unit.text))
                and unit.label not in _NOT_BYLINES
            ):
                names = _byline_names(unit)
                if names:
                    return _author(names, unit, "byline_after")
        # A letter's or a post's signature: a name alone over the date ("Jane" / "3 May 2024").
        for unit in units[body_end + 1 : body_end + 3]:
            nxt = units[unit.index + 1] if unit.index + 1 < len(units) else None
            signed = _signed([unit.text, nxt.text]) if nxt is not None else None
            if signed and is_date_only(nxt.text):
                return _author([signed], unit, "signature")
        # The author's bio closing the page: "Jane Doe is a senior writer for …".
        late = units[max(body_start + 1, body_end - 8) : body_end + 6]
        for unit in late:
            # (`_BIO` opens with a capital and holds "is": a line without either has none.)
            m = _BIO.match(unit.text) if _may_be_bio(unit.text) else None
            if m:
                names = names_in(m.group("name"), explicit=False)
                if len(names) == 1:
                    return _author(names, unit, "author_bio")
    if body_end is not None:
        # An author's line the article's run reached over (a recipe card's "Author: …").
        for unit in units[body_start : body_end + 1]:
            if unit.label != "byline":
                continue
            m = _author_label(unit.text)
            names = names_in(unit.text[m.end() :], explicit=True) if m else []
            if names:
                return _author(names, unit, "author_label")
    if title_unit is not None:
        # "AFP/The Local": the wire and the outlet that ran its copy, as the byline says it.
        for unit in header[:3]:
            m = _WIRE_AND_OUTLET.match(unit.text)
            if m and agency_name(m.group("agency")):
                return Found(m.group("credit"), unit.index, "wire_credit", unit.text[:60])
    closing = units[body_end + 1 : body_end + 16] if body_end is not None else []
    credit = _credit_byline([*region, *closing], no_by)
    if credit is None and body_end is not None:
        return _copyright_holder(units[body_end + 1 :])
    return credit


_WIRE_AND_OUTLET = re.compile(
    r"(?P<credit>(?P<agency>[A-Za-z]{2,12})\s?/\s?[A-Z][\w'’.&]*(?: [A-Z][\w'’.&]*){0,3})"
    r"(?:\s+[-–—|•]\s.*)?$"
)


# "© 2012 Jane Doe", "Copyright (c) 2012- Jane Doe. All rights reserved.", "2009-2020 by Jane Doe".
_COPYRIGHT_HOLDER = re.compile(
    r"(?:(?:©|\(c\)|\bcopyright\b)\s*)+(?:\d{4}\s*(?:[-–]\s*(?:\d{4})?)?)?\s*"
    r"(?:by\s+)?(?P<holder>[^.|–—•·,;]+)|\b\d{4}\s*[-–]\s*\d{4}\s+by\s+(?P<by>[^.|–—•·,;]+)",
    re.IGNORECASE,
)


_HOLDER_HINTS = ("©", "(c)", "copyright", " by ")


def _copyright_holder(units: list[Unit]) -> Found | None:
    """A personal site's author: the person its copyright line names ("© Jane Doe"), when no
    byline says it. A company's name ("Example Media Ltd", "Doe & Roe, LLC") is no author."""
    short = [u for u in units if u.n_words <= 30]
    for unit in map(short.__getitem__, holding_lowered([u.text for u in short], _HOLDER_HINTS)):
        m = _COPYRIGHT_HOLDER.search(unit.text)
        if not m:
            continue
        holder = (m.group("holder") or m.group("by") or "").strip()
        after = unit.text[m.end() :].lstrip()
        if _CORPORATE.search(holder) or (
            after.startswith(",") and _CORPORATE.search(after.split(".")[0])
        ):
            continue  # "Doe Davis, LLC", "Example Nature AG"
        names = names_in(holder, explicit=False)
        if any(w.lower() in _PUBLICATION_WORDS for w in words(holder)):
            continue  # "Example Chronicle": a publication's name, not a person's
        if len(names) == 1 and comparable(names[0]) == comparable(holder):
            return Found(names[0].rstrip("."), unit.index, "copyright_holder", unit.text[:60])
    return None


# Words that name a publication, not a person ("The Harbour Chronicle", "Asia Ledger").
_PUBLICATION_WORDS = frozenset(
    """
    news times post journal gazette tribune herald chronicle ledger courier standard report
    review observer daily weekly globe mirror express telegraph guardian independent star sun
    record monitor bulletin digest magazine press media network online today wire insider
    dispatch sentinel examiner inquirer register reporter gazette journal blog radio tv
    television channel group foundation institute university agency service services
    zeitung nachrichten diario periódico noticias revista giornale notizie journal
    """.split()
)


_CREDIT_CUT = re.compile(r"\s+(?:on|at|am|le|el|il)\s*$|\s+(?:on|at)\s+\d.*$|\s*[•|·–—-]\s*$")
_MAX_CREDIT_WORDS = 6
_MAX_CREDIT_LINE = 14  # words of a line that may be a newsroom's credit
_CREDIT_SEP = re.compile(r"\s[•|·]\s")


def _credit_byline(units: list[Unit], no_by: Set[int] = frozenset()) -> Found | None:
    """A byline that names no person but the newsroom ("By Staff Writer", "by Example Staff
    Report • 15 January 2020", "Written by News Desk on November 7, 2023"): the credit as
    the page gives it, cut from its date, when it is a short name-like line (capitalised, no
    sentence). A site's or a company's name alone is no author. `no_by`: the indexes of
    units the caller found holding no "by" word."""
    for unit in units:
        # (No "by" word in the line: none in it cleaned either; see `_byline_names`.)
        if (
            unit.n_words > _MAX_CREDIT_LINE
            or unit.index in no_by
            or not _BY_WORDS.may_hold(unit.text)
        ):
            continue
        text = _clean_byline(unit.text)
        m = _by_match(text)
        if not m or m.end() == 0:
            continue
        rest = text[m.end() :]
        dates = find_dates(rest)
        for d in reversed(dates):
            rest = rest[: d.start] + rest[d.end :]
        rest = _CREDIT_SEP.split(rest)[0].strip(" ,;:-–—|•")
        rest = _CREDIT_CUT.sub("", rest).strip(" ,;:-–—|•")
        tokens = words(rest)
        if not 1 <= len(tokens) <= _MAX_CREDIT_WORDS or ends_sentence(rest) or "@" in rest:
            continue
        if _HANDLE_NAME.fullmatch(rest) and find_dates(unit.text):
            # "by jdoe on December 4, 2006": a blog's post line names its writer's handle.
            return Found(rest, unit.index, "byline_handle", unit.text[:60])
        if not rest[:1].isupper() or any(t.isdigit() for t in tokens):
            continue
        if not any(t.lower() in _STAFF_WORDS for t in tokens):
            continue  # "By The Daily Example": the site, not an author
        return Found(rest, unit.index, "byline_credit", unit.text[:60])
    return None


_HANDLE_NAME = re.compile(r"[a-z][a-z0-9_.-]{1,24}")
# Words of a newsroom's collective credit ("Staff Writer", "News Desk", "Staff Report").
_STAFF_WORDS = frozenset(
    """
    staff writer writers reporter reporters report reports desk team editor editors editorial
    newsroom correspondent correspondents bureau redacción redaccion redaktion rédaction
    redazione redação
    """.split()
)


_BIO = re.compile(
    r"(?P<name>(?:[A-ZÀ-ÖØ-Þ][\w'’.-]+\s+){1,3}[A-ZÀ-ÖØ-Þ][\w'’.-]+)\s+is\s+(?:an?|the)\s+"
    r"(?:[\w-]+\s+){0,3}(?:writer|reporter|editor|correspondent|journalist|columnist|"
    r"contributor|producer)\b"
)


_BIO_OPENS = frozenset(c for c in map(chr, range(0x100)) if re.match(r"[A-ZÀ-ÖØ-Þ]", c))


def _may_be_bio(text: str) -> bool:
    """Whether `_BIO` may match the text: its match opens with one of `_BIO_OPENS` (its
    first class) and holds "is"."""
    return text[:1] in _BIO_OPENS and "is" in text


_COMMENTS = re.compile(r"(?i)\bcomments?\b|\breplies\b|\brespon[sd]")
# What a match of `_COMMENTS` holds (the regex runs only where one of them stands).
_COMMENTS_WORDS = Needles(folded=["comment", "replies", "respon"])
_HANDLE_IN_LINE = re.compile(r"(?:^|\s)@\w")
_DATE_WORD = re.compile(r"(?i)\b(?:updated|published|posted)\b")
_NAME_THEN_DATE = re.compile(r"^[^|]{3,40}\s(?:\||(?i:updated|published|posted)\b)")


def _author_label(text: str) -> re.Match[str] | None:
    """`_AUTHOR_LABEL.match(text)`, answered at once on a line that does not open with the
    first letter of one of its words ("author", "written", "posted", "about"; no character
    outside ASCII matches those letters when case is ignored)."""
    return _AUTHOR_LABEL.match(text) if text[:1] in _AUTHOR_OPENS else None


_AUTHOR_OPENS = frozenset("awpAWP")
_AUTHOR_LABEL = re.compile(
    r"(?i)^(?:author|written\s+by|posted\s+by|about\s+the\s+author)\s*[:\-–—]?\s+"
)


_AND_START = re.compile(r"^(?:&|and|und|y|et|e)\s+", re.IGNORECASE)


def _continued(units: list[Unit], unit: Unit) -> list[str]:
    """The names a byline goes on with on its next lines ("Jane Doe, Staff Writer" over
    "& John Roe, Editor")."""
    more: list[str] = []
    for nxt in units[unit.index + 1 : unit.index + 4]:
        m = _AND_START.match(nxt.text)
        names = person_line(nxt.text[m.end() :]) if m and nxt.n_words <= 20 else None
        if names is None:
            break
        more += names.split("; ")
    return more


# An affiliation's number or mark glued to a name ("Jane Doe1", "John Roe2,3*").
_AFFILIATION = re.compile(r"(?<=[^\W\d_])(?:\d{1,2}(?:,\d{1,2})*\*?|\*)(?=$|[,;]|\s)")


def _after_date(text: str) -> str:
    """What a line says after its last date (calendar or numeric), if it has one."""
    ends = [d.end for d in find_dates(text)] + [m.end() for m in _NUMERIC_DATE.finditer(text)]
    return text[max(ends) :].strip(" |,–—-•·") if ends else ""


def _signed(lines: list[str]) -> str | None:
    """The name signing the article (the HTML path's rule, no site's names to leave out)."""
    return signature(lines, _NO_SITE)


_NO_SITE = SiteNames(PageFacts(), None)


def _author(names: list[str], unit: Unit, rule: str) -> Found:
    unique: list[str] = []
    for name in names:
        if comparable(name) not in {comparable(n) for n in unique}:
            unique.append(name)
    said = unit.text if len(unit.text) <= 60 else unit.text[:59] + "…"
    return Found("; ".join(unique), unit.index, rule, said)


# --- dates -------------------------------------------------------------------------------

_PUBLISHED_LABEL = re.compile(
    r"\b(?:first\s+published|published(?:\s+(?:on|at))?|posted(?:\s+on)?|publication\s+date|"
    r"date\s+published|written|created(?:\s+on)?|released(?:\s+on)?|pubblicato(?:\s+il)?|"
    r"publié(?:\s+le)?|veröffentlicht(?:\s+am)?|erschienen(?:\s+am)?|"
    r"publicad[oa](?:\s+(?:el|em|en))?)\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
# What a match of `_PUBLISHED_LABEL` holds: one of its words (their ASCII part).
_PUBLISHED_WORDS = Needles(
    folded="publi pubbl posted written created released ffentlicht erschienen".split()
)
_UPDATED_LABEL = re.compile(
    r"\b(?:updated|modified|edited|actualizado|aktualisiert|mis\s+à\s+jour|aggiornato)\b[^|]*$",
    re.IGNORECASE,
)


def _dated(unit: Unit, day_first: bool | None, *, head: bool = False) -> list:
    """The dates of a short line; with `head`, of a long line's beginning too (a byline the
    page ran into its share buttons: "By Jane Doe 8 January 2020, 3:51 pm * Facebook …")."""
    if unit.n_words <= 40:
        return list(find_dates(unit.text, day_first))
    return list(find_dates(unit.text[:200], day_first)) if head else []


def find_published(
    units: list[Unit],
    title_unit: int | None,
    body_start: int,
    body_end: int,
    capture_date: date | None,
    *,
    author_unit: int | None = None,
    day_first: bool | None = None,
    texts: list[str] | None = None,
) -> Found | None:
    """The day the article was first published, from the page's own date lines.

    In order of trust: a date labelled as publication ("First Published:", "Posted on"),
    above the article then below it; the byline's date; the first date under the headline;
    a date line right above the headline (a blog's day heading); the capture's metadata
    header. A date with a weekday far above the headline ("Friday, 5 December 2025") is the
    day the page was captured; an "Updated" date is not the publication date. `texts`: the
    units' texts, when the caller has them already.
    """
    # Only the lines holding a year can hold a date: the others are passed over at once.
    # (The article's lines below its first eight are never read: not searched either.)
    skip_from = min(body_end + 1, body_start + 8)
    skip_to = max(skip_from, body_end + 1)
    if texts is None:
        texts = [u.text for u in units]
    dated = holding_a_year(texts[:skip_from])
    dated += [skip_to + k for k in holding_a_year(texts[skip_to:])]
    # Above the article, its first lines (a date line the body's run reached over, not its
    # sentences), below it: in the order of the page.
    for position in dated:
        unit = units[position]
        if body_start <= position <= body_end and (position >= body_start + 8 or unit.prose):
            continue
        # (A long line gives no dates here, see `_dated`; a line without a label's word has
        # no date after a label.)
        if unit.n_words > 40 or not _PUBLISHED_WORDS.may_hold(unit.text):
            continue
        for d in _dated(unit, day_first):
            if _PUBLISHED_LABEL.search(unit.text[: d.start]):
                return Found(d.value, unit.index, "published_label", _said(unit.text))
    with_year = set(dated)
    if author_unit is not None:
        for unit in units[author_unit : author_unit + 2]:
            if unit.index != author_unit and (unit.index > body_start or is_caption(unit.text)):
                continue
            for d in _dated(unit, day_first, head=unit.index == author_unit):
                if not _UPDATED_LABEL.search(unit.text[: d.start]):
                    return Found(d.value, unit.index, "byline_date", _said(unit.text))
    first = title_unit + 1 if title_unit is not None else max(0, body_start - 15)
    for position in range(first, min(body_start, len(units))):
        unit = units[position]
        if position not in with_year:
            continue
        if unit.n_words > 30 or (unit.label == "caption" and unit.index != author_unit):
            continue
        for d in _dated(unit, day_first):
            if _UPDATED_LABEL.search(unit.text[: d.start]):
                continue
            if title_unit is None and d.has_weekday:
                continue
            return Found(d.value, unit.index, "date_under_title", _said(unit.text))
    if title_unit is not None:
        # A blog's day heading: the date line right above the headline.
        for unit in reversed(units[max(0, title_unit - 3) : title_unit]):
            if unit.label in ("ui_widget", "markup_residue", "social_share"):
                continue
            if is_date_only(unit.text):
                found = find_dates(unit.text, day_first)
                return Found(found[0].value, unit.index, "date_above_title", _said(unit.text))
            break
    if capture_date is not None:
        return Found(capture_date, None, "capture_date", "capture header")
    # A plain date line above the headline: not a "today is" widget (a weekday without the
    # time of day).
    if title_unit is not None:
        for unit in units[:title_unit]:
            if unit.label == "date_line":
                found = find_dates(unit.text, day_first)
                if found and (not found[0].has_weekday or has_time(unit.text)):
                    return Found(found[0].value, unit.index, "date_above_title", unit.text)
    # Last, the date the page says it was updated under the headline: most often the day
    # it was published, and closer than nothing.
    for position in range(first, min(body_start, len(units))):
        unit = units[position]
        if position in with_year and unit.n_words <= 30 and unit.label != "caption":
            for d in _dated(unit, day_first):
                if _UPDATED_LABEL.search(unit.text[: d.start]):
                    return Found(d.value, unit.index, "updated_under_title", _said(unit.text))
    return None


def _said(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- section -----------------------------------------------------------------------------

_SECTION_LABEL = re.compile(
    r"^(?:section|categor(?:y|ies)|rubric|filed\s+(?:in|under))\s*:\s*(?P<s>[^,;|]{2,40})$", re.I
)
_IN_SECTION = re.compile(r"^in\s+(?P<s>[A-Z][\w&'’ -]{1,40})$")
_PIPE_SECTION = re.compile(r"^[|/»›>]\s*(?P<s>[A-Z][\w&'’-]+(?:\s+[\w&'’-]+){0,2})$")
_PIPE_MARKS = frozenset("|/»›>")  # what a match of `_PIPE_SECTION` opens with
_CRUMB_ROOTS = frozenset({"home", "homepage", "start", "index", "inicio", "accueil", "startseite"})


def _is_title_or_cut(text: str, title_key: str | None) -> bool:
    """The headline, or the headline cut short ("Talks resume in...")."""
    if not title_key:
        return False
    key = comparable(text)
    cut = text.rstrip().endswith(("...", "…"))
    return bool(key) and (key == title_key or (cut and title_key.startswith(key)))


def find_section(
    units: list[Unit], title: str | None, title_unit: int | None, body_start: int
) -> Found | None:
    """The section: a "Section:" label, "in World politics" by the byline, the breadcrumb."""
    header = units[:body_start]
    for unit in header:
        # (`_SECTION_LABEL` matches a colon: the regex runs only on a line that holds one.)
        m = _SECTION_LABEL.match(unit.text) if ":" in unit.text else None
        if m:
            return Found(m.group("s").strip(), unit.index, "section_label")
    if title_unit is not None:
        for unit in units[title_unit + 1 : body_start]:
            # (`_IN_SECTION` matches "in" at the start, as written.)
            m = _IN_SECTION.match(unit.text) if unit.text.startswith("in") else None
            if m and len(m.group("s").split()) <= 4:
                return Found(m.group("s").strip(), unit.index, "section_byline")
    title_key = comparable(title) if title else None
    for unit in header:
        if unit.label != "breadcrumb":
            continue
        parts = [p.strip() for p in _BREADCRUMB_SEP.split(unit.text) if p.strip()]
        rooted = bool(parts) and parts[0].lower() in _CRUMB_ROOTS
        ends_with_title = bool(parts) and _is_title_or_cut(parts[-1], title_key)
        if not (rooted or ends_with_title):
            continue  # a menu of sections, not a path to this article
        if ends_with_title or len(parts[-1].split()) > 5:
            parts = parts[:-1]
        parts = [p for p in parts if p.lower() not in _CRUMB_ROOTS]
        if parts and len(parts[-1].split()) <= 4:
            return Found(parts[-1], unit.index, "section_breadcrumb")
    for unit in header:
        # (`_PIPE_SECTION` matches from one of its marks: a line opening with none is passed.)
        m = _PIPE_SECTION.match(unit.text) if unit.text[:1] in _PIPE_MARKS else None
        if m:
            return Found(m.group("s").strip(), unit.index, "section_label")
    return None


# --- outlet ------------------------------------------------------------------------------

_CORPORATE = re.compile(
    r"[\s,]+(?:private\s+limited|pvt\.?\s+ltd\.?|private\s+ltd\.?|ltd\.?|limited|inc\.?|"
    r"llc|plc|corp(?:oration)?\.?|co\.|gmbh|ag|s\.?p\.?a\.?|s\.?r\.?l\.?|s\.?a\.?|b\.?v\.?|"
    r"n\.?v\.?|a\.?s\.?|ab|oy|pty\.?\s+ltd\.?|group|media\s+group|holdings?|publishing|publications?)\.?$",
    re.IGNORECASE,
)
# A name as a page's furniture writes it: capitalised words (case matters: "Subscribe to our
# newsletter" names nothing), a few small words between them.
_NAME_WORD = r"[A-Z0-9][\w&'’.®™-]*"
_NAME_SMALL = r"(?:of|the|and|del|de|di|la|el)\b|&"
_BRAND = rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|{_NAME_SMALL})){{0,6}})"
_MARK = r"(?i:copyrights?|copyleft|©|\(c\))"
_YEARS = r"\d{1,4}(?:\s*[-–]\s*(?:\d{4})?)?"
_GAP = r"[\s,·|•:.–-]*"
_OUTLET_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^(?i:welcome\s+to\s+(?:the\s+)?){_BRAND}\s*(?:[!.,]|$)"), 3),
    (
        re.compile(
            rf"^{_BRAND}\s+(?i:is\s+(?:a|an)\s+(?:registered\s+)?(?:\w+\s+){{0,2}}"
            r"(?:newspaper|news\s+(?:site|website|agency|outlet|organi[sz]ation)|magazine|"
            r"publication|trademark|newsroom))\b"
        ),
        3,
    ),
    # "© 2024 The Daily Planet", "Copyright © 2013-2020, Planet Media Ltd", "(c) 2020 by …"
    (
        re.compile(
            rf"{_MARK}(?:\s*{_MARK})*{_GAP}(?:{_YEARS}{_GAP})?(?:(?i:by)\s+)?"
            rf"(?:(?i:the)\s+)?{_BRAND}"
        ),
        2,
    ),
    # "The Daily Planet © 2024", "Planet Media® © 2011-2020"
    (re.compile(rf"^[*•\s]*(?:(?i:the)\s+)?{_BRAND}\s*{_MARK}\s*{_YEARS}"), 2),
    (re.compile(rf"\b(?i:by\s+the)\s+{_BRAND}\s+(?i:staff)\b"), 2),
)
# A credit for a picture, not the page's own line: "(Image: © Studio Name)".
_PICTURE_CREDIT = re.compile(
    r"(?i:image|photo|foto|picture|illustration|credit|video|graphic)s?\s*(?:by|:)?\s*$"
)

_OUTLET_HINTS = ("welcome", " is a", "copyright", "copyleft", "©", "(c)", "staff")


def _holding_outlet_hints(texts: list[str]) -> list[int]:
    """The positions, in order, of the texts holding one of `_OUTLET_HINTS` once lower-cased."""
    return holding_lowered(texts, _OUTLET_HINTS)


def holding_lowered(texts: list[str], hints: tuple[str, ...]) -> list[int]:
    """The positions, in order, of the texts holding one of `hints` (lower-case strings)
    once lower-cased. One search over the texts joined (not lower-cased: see `_case_variants`)
    for every hint's case variants at once (an Aho-Corasick automaton); a hit's text is the
    number of line breaks before it, counted once over the joined texts for the hits in order.
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        # A text holding a line break, which would not tell where it ends: one by one.
        return [k for k, text in enumerate(texts) if any(h in text.lower() for h in hints)]
    try:
        # (All the occurrences, overlapping too: no hint holds a line break, so each lies in
        # one text.)
        hits = _hint_finder(hints)(joined, overlapping=True)
    except UnicodeEncodeError:  # a lone surrogate, which the automaton (UTF-8) cannot read
        return [k for k, text in enumerate(texts) if any(h in text.lower() for h in hints)]
    found: list[int] = []
    k = previous = 0
    for at in sorted([start for _, start, _ in hits]):
        k += joined.count("\n", previous, at)
        previous = at
        if not found or found[-1] != k:
            found.append(k)
    return found


# The characters outside ASCII whose lower case holds a character of ASCII: "İ" ("i" and a
# combining dot) and the Kelvin sign ("k"); tests check them against all of Unicode.
LOWER_INTO_ASCII = frozenset("\u0130\u212a")


def _case_variants(hint: str) -> list[str]:
    """Every spelling of `hint` that lower-cases into it, ASCII letters in either case.

    Why a text holds one exactly when its lower case holds the hint: a text lower-cases one
    character at a time (a final sigma's form aside, never ASCII), each ASCII character into
    one ASCII character, and a character outside ASCII into characters outside ASCII but for
    `LOWER_INTO_ASCII`: the Kelvin sign, which no hint's "k" needs (no hint holds one), and
    "İ", whose "i" comes with a combining dot no hint holds (no hint ends on "i"). The
    hints' other characters ("©") lower-case into themselves, and only they do."""
    if "k" in hint or hint.endswith("i") or hint != hint.lower():
        raise ValueError(f"no case variants for {hint!r}")
    spellings = [""]
    for char in hint:
        cases = dict.fromkeys([char, char.upper()] if char.isascii() else [char])
        spellings = [s + c for s in spellings for c in cases]
    return spellings


@lru_cache(maxsize=8)
def _hint_finder(hints: tuple[str, ...]) -> Callable[..., list[tuple[int, int, int]]]:
    """The automaton finding every case variant of the hints (built once for each set)."""
    variants = [v for hint in hints for v in _case_variants(hint)]
    return ahocorasick_rs.AhoCorasick(
        variants, implementation=ahocorasick_rs.Implementation.DFA
    ).find_matches_as_indexes


# (the two automata the finders use, made with the module: a cost of the process, not of the
# first page cleaned)
_hint_finder(_OUTLET_HINTS)
_hint_finder(_HOLDER_HINTS)


_ALL_RIGHTS = re.compile(
    r"\.?\s*(?:all\s+rights\s+reserved|(?:todos\s+los\s+)?derechos\s+reservados|"
    r"todos\s+os\s+direitos\s+reservados|tous\s+droits\s+r[ée]serv[ée]s|"
    r"alle\s+rechte\s+vorbehalten|riproduzione\s+riservata|tutti\s+i\s+diritti\s+riservati)\.?",
    re.IGNORECASE,
)
# What a match of `_ALL_RIGHTS` holds: "serv" ("reserved", "reservados", "réservés",
# "riservata") or "vorbehalten".
_ALL_RIGHTS_WORDS = Needles(folded=["serv", "vorbehalten"])
# Words that end a name in a footer: what the footer says next ("Privacy Policy", "Powered by",
# "Design by", a licence) or the company form.
_AFTER_NAME = frozenset(
    """privacy terms policy conditions condiciones términos contact contacto about advertise
    advertising cookies cookie sitemap proudly rights reserved part write entries rss comments
    subscribe home impressum datenschutz this a an all site legal disclaimer careers jobs help
    faq imprint cc creative theme do printed act notice law founded fundado""".split()
)
# ... and these when "by" or "with" follows: "Published by", "Powered by", "Made with".
_BEFORE_BY = frozenset("published publicado powered design designed hosted built made".split())
_COMPANY_WORDS = frozenset(
    """inc inc. llc ltd ltd. limited gmbh corp corp. corporation plc ag s.a.s s.a.s. ltda
    ltda. s.p.a s.p.a. s.a. s.l. pty b.v. n.v. co. company""".split()
)
_SENTENCE_CUT = re.compile(r"(?<=[^\W\d_]{3})\.\s|\s[|·•/]\s|\s[–-]\s")
_TRAILING_YEARS = re.compile(r"(?:[\s,]*\b\d{4}(?:\s*[-–]\s*\d{0,4})?)+$")


def outlet_name(raw: str) -> str | None:
    """The publication's name out of what a footer pattern caught, or None.

    "Haitian Times. Proudly powered by" -> "Haitian Times"; "Nexstar Media Inc This
    material" -> "Nexstar Media"; "Hassanchef 2020" -> "Hassanchef"; "2022" -> None."""
    name = _SENTENCE_CUT.split(raw, maxsplit=1)[0]
    words = name.split()
    while words and words[0].lower() in ("copyright", "copyrights", "copyleft"):
        words = words[1:]
    kept: list[str] = []
    for i, word in enumerate(words):
        bare = word.lower().strip(",;:")
        if bare in _AFTER_NAME or bare.startswith(("cc-", "®/")):
            break
        if bare in _BEFORE_BY and i + 1 < len(words) and words[i + 1].lower() in ("by", "with"):
            break
        kept.append(word.rstrip(",;:"))
        if bare in _COMPANY_WORDS and len(kept) > 1:
            break
        if word.endswith((",", ";", ":")):
            break
    while kept and kept[-1].lower() in ("of", "the", "and", "de", "del", "di", "la", "el", "&"):
        kept.pop()
    name = _TRAILING_YEARS.sub("", " ".join(kept)).strip(" .,-–|®™")
    name = strip_corporate(name).strip(" ®™")
    if not any(c.isalpha() for c in name) or len(name) < 2:
        return None
    return name


def strip_corporate(name: str) -> str:
    """An outlet's name without its company form ("Acme News Ltd." -> "Acme News")."""
    name = name.strip(" .,-–|")
    previous = None
    while previous != name:
        previous = name
        name = _CORPORATE.sub("", name).strip(" .,-–|")
    return name


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def outlet_from_domain(url: str | None, outlets: dict[str, str]) -> str | None:
    """The outlet for a URL's domain in the config's table (sub-domains included)."""
    host = domain_of(url)
    if not host:
        return None
    table = {k.lower().removeprefix("www."): v for k, v in outlets.items()}
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.get(".".join(parts[i:]))
        if name:
            return name
    return None


@lru_cache(maxsize=8)
def _known_outlets(names: tuple[str, ...]) -> dict[str, str]:
    """The outlets table's names by their comparable form (the same table for every page)."""
    return {comparable(name): name for name in names}


def find_outlet_in_text(
    units: list[Unit], body_start: int, body_end: int, outlets: dict[str, str]
) -> Found | None:
    """The publication that names itself in the page's furniture (never in the body)."""
    scores: dict[str, float] = {}
    display: dict[str, str] = {}
    where: dict[str, int] = {}
    # The units outside the body (a unit's index is its position in `units`).
    chrome = units[:body_start] + units[max(body_start, body_end + 1) :]
    known = _known_outlets(tuple(outlets.values()))
    short = [u for u in chrome if u.n_words <= 40]
    for unit in map(short.__getitem__, _holding_outlet_hints([u.text for u in short])):
        text = unit.text
        if _ALL_RIGHTS_WORDS.may_hold(text):  # (else `_ALL_RIGHTS` finds nothing to cut)
            text = _ALL_RIGHTS.sub(" | ", text)
        for pattern, weight in _OUTLET_PATTERNS:
            m = pattern.search(text)
            if not m or _PICTURE_CREDIT.search(text, 0, m.start()):
                continue
            name = outlet_name(m.group("name"))
            if name is None:
                continue
            key = comparable(name)
            if not key or len(key) < 2 or agency_name(name):
                continue
            scores[key] = scores.get(key, 0) + weight
            display.setdefault(key, name)
            where.setdefault(key, unit.index)
    # (Only the short lines that are an outlet's name or a name found above count, so only
    # they are counted: in the page's order, as the scores' order settles a tie.)
    # (A key in either table is one in their union: one look-up, and first, as few keys are.)
    wanted = known.keys() | scores.keys()
    standalone = Counter([u.key for u in chrome if u.key in wanted and u.n_words <= 4])
    for key, count in standalone.items():
        if key in known:
            scores[key] = scores.get(key, 0) + 3
            display.setdefault(key, known[key])
        if key in scores:
            scores[key] += min(count, 3)
    if not scores:
        return None
    best = max(scores, key=lambda k: (scores[k], -where.get(k, 0)))
    if scores[best] < 2:
        return None
    name = known.get(best, display[best])
    return Found(name, where.get(best), "outlet_text")


# --- the site's name after the headline ----------------------------------------------------

_SITE_WORDS = 5  # a site's name is this many words at most


def _site_key(name: str) -> str:
    key = comparable(name)
    return key[4:] if key.startswith("the ") else key


def split_site_suffix(
    title: str, outlet: str | None, units: list[Unit], body_start: int
) -> tuple[str, str] | None:
    """(the headline, the site's name) of a title line that prints the site's name after the
    headline ("Headline | The Post"), else None. The name is the site's when it is the outlet
    the page names, or when the page prints it on a line of its own above the article (its
    masthead)."""
    found = list(SITE_SEPARATOR.finditer(title))
    if not found:
        return None
    last = found[-1]
    head, tail = title[: last.start()].strip(), title[last.end() :].strip()
    if not head or not tail or len(tail.split()) > _SITE_WORDS or not tail[:1].isupper():
        return None
    if len(words(head)) < 3:
        return None  # "Putin - Trump": the headline's own dash
    key = _site_key(tail)
    if outlet and key == _site_key(outlet):
        return head, tail
    if any(u.n_words <= _SITE_WORDS and _site_key(u.text) == key for u in units[:body_start]):
        return head, tail
    return None
