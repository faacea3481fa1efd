"""People in a text: runs of capitalised words that name someone, without their titles.

    "Russian Foreign Minister Sergey Lavrov said" -> Mention("Sergey Lavrov", title="Russian
    Foreign Minister"); "Lavrov" later in the same article -> the same person.

No model, no list of people: a name is two to four capitalised words (a first name, perhaps
a middle one, a surname, with "de", "von", "al"...) once the leading titles and nationalities
are cut off, and none of them is a word that makes it an institution, a place or a date
("Council", "Palace", "Arabia", "February"). A single word names a person when it is the
surname of a full name met before in the same article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..analysis import fold
from .features import STOPWORDS

__all__ = [
    "Mention",
    "PersonIndex",
    "find_mentions",
    "full_names",
    "gender_of",
    "has_given_name",
    "person_key",
]

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*")
_CONNECTORS = frozenset("de da di du del della der den van von bin ibn al el la le dos das".split())
TITLE_WORDS = frozenset(
    """president presidents minister ministers foreign prime secretary state deputy spokesman
    spokeswoman spokesperson chancellor general gen senator sen rep representative ambassador
    envoy mr mrs ms dr prof king queen pope prince princess sheikh emir chief executive speaker
    director defense defence interior finance economy trade justice health vice leader
    commander aide adviser advisor special first lady congressman congresswoman lawmaker
    kremlin white sir lord dame governor mayor
    premier ceo chairman chairwoman chair head counterpart former then acting top senior
    national security council european commission parliament foreign-policy
    supreme army navy colonel col lieutenant lt major maj captain capt sergeant sgt admiral
    ukrainian ukraine's russian russia's american us u.s u.s. uk eu european french german british
    turkish chinese israeli iranian iraqi saudi syrian qatari indian japanese italian spanish
    polish hungarian greek dutch swiss belgian canadian australian egyptian emirati
    palestinian lebanese jordanian korean north south new""".split()
)
# A run holding one of these names an institution, a place, a time or an event.
_NOT_PEOPLE = frozenset(
    """council service services department ministry union house palace agency press news
    administration government parliament commission embassy consulate office party bank fund
    organisation organization nations states court army forces security university institute
    company group times post street square airport sea river federation republic kingdom city
    province region club war summit treaty forum committee assembly guard navy police
    channel network daily weekly tribune herald journal review gazette monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december arabia emirates korea africa america zealand
    lanka east west europe asia general consulate-general centre center square hall tower
    cup league olympics games foundation institute initiative programme program plan act
    doctrine strait gulf ocean island islands mountains valley""".split()
)
PRONOUNS = frozenset({"he", "she"})
# Words that open a sentence before a name: "Plus Obama said", "Later Biden added".
_OPENERS = frozenset("as after while plus later earlier indeed besides tonight".split())
_DOTTED_TITLES = frozenset("mr mrs ms dr sen rep gov gen lt col maj capt sgt adm prof rev".split())
_CUT_TITLES = frozenset(
    """mr mrs ms dr sen rep gov president senator representative governor mayor secretary
    minister speaker judge justice sheriff chancellor premier leader chairman chairwoman
    director commissioner ambassador attorney spokesman spokeswoman adviser advisor aide
    whip congressman congresswoman councilman councilwoman councillor councilor lawmaker
    assemblyman assemblywoman""".split()
)
# Titles after which one capitalised word is a person: "Mr. Trump", "President Obama".
_PERSON_TITLES = _DOTTED_TITLES | frozenset(
    """miss president senator representative governor general judge justice mayor speaker
    secretary minister sheriff sir lord dame chancellor premier pope king queen""".split()
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in the text: `name` as printed (titles cut off), `title` before it."""

    start: int  # offsets of the name (without its title) in the text searched
    end: int
    name: str
    title: str


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Honorifics that tell whether "he" or "she" stands for the person.
_MALE, _FEMALE = (
    frozenset({"mr", "mister", "sir", "lord", "king", "prince"}),
    frozenset({"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess"}),
)


def person_key(name: str, aliases: Mapping[str, str]) -> str:
    """A person's key: the surname, folded and name-folded ("Sergey Lavrov" -> "lavrov");
    a suffix stays with it ("Donald Trump Jr." -> "trump jr", not his father's key)."""
    words = [_fold_word(w) for w in name.split()] or [_fold_word(name)]
    suffix = ""
    if len(words) > 1 and words[-1] in SUFFIXES:
        suffix = " " + words.pop()
    word = words[-1]
    return aliases.get(word, word) + suffix


def _fold_word(word: str) -> str:
    word = word.rstrip(",;:")
    return fold(word.rstrip("’'").removesuffix("’s").removesuffix("'s")).replace(".", "")


def has_given_name(name: str) -> bool:
    """ "Mark Doyle Jr." has one; "Doyle Jr." and "Doyle" do not."""
    return len([w for w in name.split() if _fold_word(w) not in SUFFIXES]) >= 2


def gender_of(title: str) -> str | None:
    """ "m" or "f" when a title says it ("Mr.", "Mrs.", "Ms."), else None."""
    words = {fold(w).strip(".") for w in title.split()}
    if words & _MALE:
        return "m"
    if words & _FEMALE:
        return "f"
    return None


def find_mentions(text: str, surnames: Mapping[str, str] | None = None) -> list[Mention]:
    """People named in `text`, in order. `surnames` (key -> full name, from earlier text)
    lets a lone surname count; without it only names of two words or more do."""
    out: list[Mention] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    i, n = 0, len(tokens)
    while i < n:
        start, end, word = tokens[i]
        if not word[0].isupper():
            i += 1
            continue
        run = [(start, start + len(_bare(word)), _bare(word))]
        j = i + 1
        e_prev = end
        while j < n and not word.endswith(("’s", "'s")):
            s, e, w = tokens[j]
            gap = text[e_prev:s]
            last = run[-1][2]
            # "Mr. Trump", "Donald J. Trump"
            dotted = gap == ". " and (
                last.lower() in _DOTTED_TITLES or (len(last) == 1 and last.isupper())
            )
            if (gap not in (" ", "-") and not dotted) or not (
                w[0].isupper() or w.lower() in _CONNECTORS
            ):
                break
            run.append((s, s + len(_bare(w)), _bare(w)))
            e_prev = e
            j += 1
            if w.endswith(("’s", "'s")):
                break
        while run and run[-1][2].lower() in _CONNECTORS:
            run.pop()
        i = j
        mention = _person(text, run, surnames)
        if mention is not None:
            out.append(mention)
    return out


def full_names(text: str) -> list[str]:
    """The names with a given name in a text ("Donald Trump", not the "Trump" of "President
    Trump"), each once, in order."""
    return list(dict.fromkeys(m.name for m in find_mentions(text) if has_given_name(m.name)))


def _bare(word: str) -> str:
    return word.removesuffix("’s").removesuffix("'s")


def _person(
    text: str, run: list[tuple[int, int, str]], surnames: Mapping[str, str] | None
) -> Mention | None:
    if not run:
        return None  # "Le" alone: a connector
    k = 0
    for t in range(len(run) - 2, -1, -1):
        if run[t][2].lower() in _CUT_TITLES:  # "Texas Governor Rick Perry", "Missouri Sen. X",
            k = t + 1  # "Supreme Court Justice Ruth Bader Ginsburg"
            break
    if any(w.lower() in _NOT_PEOPLE for _, _, w in run[k:]):
        return None
    if k == 0 and run[0][2] == "The" and len(run) > 1:
        return None  # "The Indianapolis Star", "The Huffington Post": a title, not a person
    while k < len(run) and (_opener(run[k][2]) or run[k][2].lower() in TITLE_WORDS):
        k += 1  # "Meanwhile Putin", "Foreign Minister Sergey Lavrov"
    while len(run) - k > 2 and _demonym(run[k][2]):
        k += 1  # "Brazilian Jair Bolsonaro"; but "Brian Walsh" is a name
    name_part = run[k:]
    if not name_part:
        return None
    start, end = name_part[0][0], name_part[-1][1]
    name = text[start:end]
    words = name.split()
    if any(w.isupper() and len(w.replace(".", "")) > 1 for w in words):
        return None  # "NATO", "FSB": acronyms are institutions
    titled = len(words) == 1 and any(w.lower() in _PERSON_TITLES for _, _, w in run[:k])
    if (
        2 <= len(words) <= 4
        or titled
        or (len(words) == 1 and surnames is not None and fold(name).replace(".", "") in surnames)
    ):
        return Mention(start, end, name, _title_before(text, start))
    return None


def _opener(word: str) -> bool:
    low = word.lower()
    return low in STOPWORDS or low.endswith(("ly", "ing")) or low in _OPENERS


def _title_before(text: str, start: int) -> str:
    """The title words right before a name: "Kremlin spokesman", "Russian Foreign Minister"."""
    words = text[max(0, start - 80) : start].split()
    kept: list[str] = []
    for word in reversed(words):
        bare = word.strip('("“')
        low = bare.lower().rstrip(".")
        if word.endswith((",", ";", ":")) or not (low in TITLE_WORDS or _demonym(bare)):
            break
        kept.append(bare)
    return " ".join(reversed(kept))


def _demonym(word: str) -> bool:
    low = word.lower()
    return len(low) > 4 and low.endswith(("ian", "ean", "ese", "ish", "ani", "ari"))


_TITLE_SYNONYMS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "pres": "president",
    "gen": "general", "dr": "doctor", "congressman": "representative",
    "congresswoman": "representative", "lawmaker": "representative",
}  # fmt: skip


def title_words(text: str) -> set[str]:
    """The folded words of a title or descriptor, abbreviations spelled out."""
    out = set()
    for w in text.split():
        word = fold(w.strip('.,;:()"“”')).removesuffix("’s").removesuffix("'s")
        if word:
            out.add(word)
            out.add(_TITLE_SYNONYMS.get(word, word))
    return out


class PersonIndex:
    """The people of one article so far: surnames to full names, titles to people, their
    gender where the text shows it, and the people most recently made the subject (for "he
    said", "the Kremlin leader warned")."""

    def __init__(self, aliases: Mapping[str, str], known: Iterable[str] = ()) -> None:
        self.aliases = aliases
        self.full: dict[str, str] = {}  # key -> its full name (the latest person's)
        self.surnames: dict[str, str] = {}  # folded surname as printed -> key
        self.titles: dict[str, set[str]] = {}  # key -> folded title words
        self.gender: dict[str, str] = {}  # key -> "m" / "f"
        self._votes: dict[str, list[int]] = {}  # key -> [he, she] votes
        self.subjects: list[str] = []  # keys of sentence subjects, the latest last
        self.seen: list[str] = []  # keys of every mention, the latest last
        # Full names other articles gave: "Tusk" here is the "Donald Tusk" of another outlet.
        self.known: dict[str, str] = {}
        for name in known:
            key = person_key(name, aliases)
            self.known.setdefault(key, name)
            if " " not in key:
                self.surnames.setdefault(fold(name.split()[-1]).replace(".", ""), key)

    @property
    def last(self) -> str | None:
        """The latest sentence subject."""
        return self.subjects[-1] if self.subjects else None

    def see(self, text: str) -> list[tuple[Mention, str]]:
        """Record the people of one sentence; returns its mentions with their keys."""
        found = []
        for m in find_mentions(text, self.surnames):
            key = person_key(m.name, self.aliases)
            words = m.name.split()
            if has_given_name(m.name):
                known = self.full.get(key)
                if known is None or known.split()[0] != words[0]:
                    self.full[key] = m.name  # a new person of that surname: "Seth" after "Asa"
            if " " not in key:  # "Biden" alone after "Vice President Biden"
                self.surnames[fold(m.name.split()[-1]).replace(".", "")] = key
            if m.title:
                self.titles.setdefault(key, set()).update(title_words(m.title))
                gender = gender_of(m.title)
                if gender:
                    self.gender[key] = gender
                    self._votes[key] = [99, 0] if gender == "m" else [0, 99]
            found.append((m, key))
            self.seen.append(key)
        return found

    def describe(self, key: str, descriptor: str) -> None:
        """Note a descriptor given to someone ("Bloomberg, the former mayor, said")."""
        self.titles.setdefault(key, set()).update(title_words(descriptor))

    def name(self, key: str) -> str:
        """The full name for a key, as this article printed it (the latest person of that
        surname when it named several)."""
        return self.full.get(key) or self.known.get(key) or key.title()

    def by_title(self, phrase: str) -> str | None:
        """The person whose recorded title holds the descriptor's words ("the Kremlin
        spokesman" -> whoever was "Kremlin spokesman X"); the latest such subject when
        several are."""
        words = title_words(phrase) - {"the", "a", "an", "its", "his", "her", "their"}
        if not words:
            return None
        matches = [key for key, title in self.titles.items() if words <= title]
        if len(matches) == 1:
            return matches[0]
        for key in reversed(self.subjects):
            if key in matches:
                return key
        return None

    def pronoun(self, word: str, before: Iterable[str] = ()) -> str | None:
        """Who "he" or "she" stands for: the latest subject (or, failing one, mention) whose
        gender is not known to differ; `before` are the keys named earlier in the same
        sentence, which come first."""
        wanted = "m" if word.lower() == "he" else "f"
        for key in list(before)[:1]:
            if self.gender.get(key, wanted) == wanted:
                return key
        for key in reversed(self.subjects[-4:]):  # a recent subject known to be one
            if self.gender.get(key) == wanted:
                return key
        for pool in (self.subjects[-8:], self.seen[-12:]):
            for key in reversed(pool):
                if self.gender.get(key, wanted) == wanted:
                    return key
        return None

    def vote_gender(self, key: str, text: str) -> None:
        """Pronouns of one gender only in the sentence a person is the subject of: theirs."""
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        male = bool(words & {"he", "his", "him", "himself"})
        female = bool(words & {"she", "her", "hers", "herself"})
        if male != female:
            votes = self._votes.setdefault(key, [0, 0])
            votes[0 if male else 1] += 1
            if votes[0] != votes[1]:
                self.gender[key] = "m" if votes[0] > votes[1] else "f"
