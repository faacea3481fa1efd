"""Line rules: small pure predicates that recognise what a line of page chrome is.

Each rule looks at one line (already normalised) and says whether it is a known kind of
non-article text. The rule's name is what `parallax clean --explain` prints. None of them
names an outlet or a page: they describe the web's common furniture.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, reduce
from itertools import accumulate
from operator import or_

import ahocorasick_rs

from .dates import find_dates, is_date_only
from .text import count_function_words, function_word_ratio, words


@dataclass(frozen=True)
class LineRule:
    name: str
    matches: Callable[[str], bool]
    # Lines longer than this (in words) are never this kind of furniture.
    max_words: int = 10_000
    # Lower-case strings of which a matching line holds at least one (a cheap first test).
    hints: tuple[str, ...] = ()
    # Only the start and end of a long line can hold this kind (a caption's credit).
    ends_only: bool = False
    # Speed only, never part of what the rule means: facts every line the rule matches has
    # (any one of them), so that the engine tries the rule only on lines that have one. Lines
    # without words are tried whatever these say.
    starts: tuple[str, ...] = ()  # lower-case beginnings of the line (one or two characters)
    starts_unlettered: bool = False  # with `starts`: or any line not beginning with a letter
    unlettered_never: str = ""  # with `starts_unlettered`: but none beginning with these
    ends: str = ""  # the line's last character
    needs: tuple[str, ...] = ()  # lower-case strings the line holds
    upper: bool = False  # the line is in capitals (`str.isupper`)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_BULLET = re.compile(r"^[•·▪●◦‣∙■□►▸\-\*]\s*\S")
# The characters `_BULLET` opens with: a line opening otherwise is answered without the regex.
_BULLET_MARKS = frozenset("•·▪●◦‣∙■□►▸-*")
_UI_WORDS = frozenset(
    [
        "no",
        "result",
        "results",
        "view",
        "all",
        "search",
        "menu",
        "close",
        "open",
        "share",
        "print",
        "email",
        "mail",
        "comment",
        "comments",
        "home",
        "login",
        "log",
        "in",
        "sign",
        "signin",
        "register",
        "subscribe",
        "subscription",
        "account",
        "my",
        "profile",
        "next",
        "previous",
        "prev",
        "back",
        "top",
        "skip",
        "to",
        "content",
        "main",
        "navigation",
        "toggle",
        "more",
        "less",
        "show",
        "hide",
        "advertisement",
        "advertising",
        "ad",
        "ads",
        "sponsored",
        "promoted",
        "listen",
        "article",
        "audio",
        "video",
        "photo",
        "photos",
        "gallery",
        "follow",
        "us",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "telegram",
        "instagram",
        "youtube",
        "tiktok",
        "reddit",
        "copy",
        "link",
        "copied",
        "notification",
        "notifications",
        "icon",
        "icons",
        "userprofile",
        "iconsearch",
        "tweet",
        "pin",
        "save",
        "bookmark",
        "font",
        "size",
        "a+",
        "a-",
        "aa",
        "dark",
        "mode",
        "light",
        "read",
        "later",
        "continue",
        "reading",
        "cancel",
        "ok",
        "accept",
        "reject",
        "settings",
        "loading",
        "load",
        "en",
        "it",
        "de",
        "fr",
        "es",
        "pt",
        "ita",
        "eng",
        "english",
        "italiano",
        "deutsch",
        "español",
        "français",
        "edition",
        "premium",
        "live",
        "play",
        "pause",
        "mute",
        "unmute",
        "full",
        "screen",
        "fullscreen",
    ]
)
_NAME_PARTICLES = frozenset(
    [
        "de",
        "la",
        "le",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
        "and",
        "&",
        "y",
        "e",
        "und",
        "et",
    ]
)
_ICON = re.compile(r"\bicon\w*$|opens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)", re.IGNORECASE)
_BREADCRUMB_SEP = re.compile(r"\s(?:»|›|>|/|\||::|→)\s")
_BREADCRUMB_MARKS = "»›>/|:→"
_BREADCRUMB_MARK = re.compile(f"[{_BREADCRUMB_MARKS}]")
# A time alone on a line: a live page's entry stamp ("14:40", "2.31 pm", "Updated 10:15 a.m.
# ET", "3 hours ago"). Not a break in the article: a live page's entries run on under them.
_TIMESTAMP = _rx(
    r"^(?:(?:updated|posted|published)\s*:?\s*)?(?:[0-2]?\d:[0-5]\d(?:\s*[ap]\.?m\.?)?|"
    r"[01]?\d[.h][0-5]\d\s*[ap]\.?m\.?|\d+\s*(?:min(?:ute)?s?|h(?:ou)?rs?|days?)\s+ago)"
    r"(?:\s+[a-z]{2,4})?$"
)
_READING = _rx(
    r"\b\d+\s*(?:min(?:ute)?s?|mins?)\.?\s+read\b|\breading time\b|^last updated\b|"
    r"^listen to (?:this|the) (?:article|story)\b|\b\d+\s+min\s+listen\b|"
    r"^listen\b\W+\d+:\d\d|"
    # A button to keep the article for later: "Save articles to read later", "Add to reading list".
    r"\b(?:add\s+to|create\s+your\s+own)\s+(?:a\s+|your\s+)?reading\s+list\b|"
    r"^save\s+(?:this\s+)?(?:articles?|stor(?:y|ies))\s+to\s+read\s+later\b"
)
# The same in the other languages the cleaner reads ("8 minutos de lectura").
_READING_ELSEWHERE = _rx(
    r"\b\d+\s*(?:minutos?|min\.?)\s+de\s+(?:lectura|leitura|lecture)\b|"
    r"\b\d+\s*(?:minuten|min\.?)\s+lese(?:zeit|dauer)\b|\blesezeit\b|"
    r"\b\d+\s*(?:minuti|min\.?)\s+di\s+lettura\b|\btemps\s+de\s+lecture\b|"
    r"\btiempo\s+de\s+lectura\b|^(?:escuch[aá]|escuche|oir|oír)\s+(?:este|el)\s+art[ií]culo\b|"
    r"^ou[çv]ir\s+(?:este|o)\s+artigo\b|^artikel\s+(?:anhören|vorlesen)\b|"
    r"^écouter\s+(?:cet|l')\s*article\b|^ascolta\s+(?:l'|questo\s+)articolo\b"
)
_RELATED = _rx(
    r"^(?:related(?:\s+(?:posts?|articles?|news|stories|content|coverage|topics|reading|links))?"
    r"|also\s+(?:read|watch|see)|read\s+(?:also|more|next|this)|see\s+also|"
    r"(?:(?:find|see|read)\s+)?more\s+(?:from|by|on|in|about(?!\s+this\b)|news|stories|"
    r"articles|to\s+read|like\s+this)\b.*|(?:recommended|suggested)(?:\s+(?:for\s+you|stories|"
    r"articles?|posts?|reading|videos))?|(?:the\s+)?latest(?:\s+(?:news|stories|articles|posts|headlines))?|"
    r"most\s+(?:read|popular|viewed|shared|commented)|trending(?:\s+(?:now|news|stories))?|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|"
    r"don'?t\s+miss|top\s+(?:stories|news|sections|headlines|picks)|editor'?s\s+picks?|"
    r"explore(?:\s+(?:news|more))?|further\s+reading|popular(?:\s+(?:now|stories|posts))?|"
    r"in\s+(?:other|case\s+you\s+missed)\b.*|hot\s+stocks|key\s+events|market\s+data|"
    r"more\s+stories|what\s+to\s+read\s+next|keep\s+reading|up\s+next|watch\s+next|"
    r"story\s+continues\s+below(?:\s+(?:this\s+)?(?:advertisement|ad))?|explore\s+further|"
    r"want\s+more\??|"
    # The same headings in the other languages the cleaner reads.
    r"(?:ähnliche|verwandte|weitere)\s+(?:beiträge|artikel|themen|nachrichten)|"
    r"(?:artículos|noticias|notas|temas)\s+relacionad[oa]s|lo\s+más\s+(?:leído|visto)|"
    r"articles?\s+(?:similaires|connexes|liés)|(?:articoli|notizie)\s+correlat[ei]|"
    r"leia\s+também|(?:artigos|notícias)\s+relacionad[oa]s)\s*[:.…]*$"
)
# "Read more: <a headline>", "See also: …", "Vea también | …": a link to another story.
_RELATED_LINK = _rx(
    # "Next: <a headline>", not "Next: we …"
    r"^(?:(?:read|more|previous|next)\s*[:|]\s*(?-i:[A-Z0-9\"“‘'])|"
    r"(?:read\s+(?:more|also)|see\s+also|also\s+read|more\s+on\s+this|related|vea\s+también|"
    r"le[eé]\s+también|lea\s+(?:también|además|más)|lee\s+más|"
    r"leer\s+más|ver\s+más|mira|nota\s+relacionada|(?:también\s+)?(?:le|te)\s+puede\s+interesar|"
    r"leia\s+(?:também|mais)|veja\s+também|saiba\s+mais|(?:à\s+)?lire\s+aussi|voir\s+aussi|"
    r"mehr\s+(?:dazu|zum\s+thema)|lesen\s+sie\s+auch|auch\s+interessant|leggi\s+anche|"
    r"potrebbe\s+interessarti)(?:\s*[:|]\s*\S|\s*[:.…]*$))"  # the label alone: its link under it
)
# The box about the author under the article ("About the author", "Über den Autor").
_AUTHOR_BOX = _rx(
    r"^(?:about\s+the\s+(?:author|writer)s?|(?:the\s+)?author(?:'s)?\s+(?:bio|biography|profile)|"
    r"more\s+(?:by|from)\s+(?:this|the)\s+author|über\s+(?:den|die)\s+autor(?:in)?|"
    r"sobre\s+(?:el|la|o|a)\s+autor[a]?|à\s+propos\s+de\s+l'auteur|sull'autore)\s*[:.]?$"
)
_TAGS = _rx(
    r"^(?:(?:suggested|related|more)\s+)?(?:tags?|topics?|keywords?|filed\s+under|categories|"
    r"category|labels?)\s*[:：]"
)
_NEWSLETTER = _rx(
    r"\bsign\s*up\s+(?:for|to|now|here|today)\b|\bsubscribe\s+(?:to\s+(?:our|the)|now|"
    r"today|for\s+free|here)\b|\bnewsletters?\b|\bunsubscribe\b|\bin\s+your\s+inbox\b|"
    r"\b(?:telegram|whatsapp)\s+channel\b|^follow\s+us\b|\bdownload\s+(?:our|the)\s+app\b|"
    r"\bget\s+(?:the\s+|all\s+the\s+)?latest\s+(?:news|updates)\s+(?:on|via)\s+(?:whatsapp|telegram|"
    r"google\s+news)\b|^catch\s+all\s+the\s+(?:latest\s+)?\w+|"
    r"^(?:siga-nos|nos\s+siga|s[ií]guenos|suivez-nous|folgen\s+sie\s+uns|seguici)\b|"
    r"^welcome\s+to\s+\S+(?:\s+\S+){0,3}\s*[!.]?$|"
    r"\bsupport\s+(?:our|independent)\s+journalism\b|\bbecome\s+a\s+(?:member|subscriber)\b|"
    # Appeals for money: "Please consider supporting our work.", "Donate now", "Support us".
    r"\bplease\s+consider\s+(?:supporting|support(?:ing)?\s+us|donating|making\s+a\s+donation)\b|"
    r"^(?:support\s+us|donate(?:\s+(?:now|today|here))?)\s*[!.]?$|"
    r"\bsend\s+you\s+(?:push\s+)?notifications\b|\bstraight\s+to\s+your\s+(?:phone|inbox)\b|"
    r"\bnever\s+miss\s+(?:our|a|the)\b|"
    # Comment policies: the rules of the comment section, not the article.
    r"\bcomments?\s+(?:are|is)\s+moderated\b|\bwe\s+welcome\s+(?:reader\s+)?comments\b|"
    r"\bwe\s+ask\s+that\s+comments\b|\bcomment\s+policy\b|\bpara\s+comentar\b|"
    r"\bcomments?\s+may\s+be\s+republished\b|\byour\s+email\s+address\s+will\s+not\s+be\s+"
    r"published\b|"
    # Appeals to subscribe, to log in, to register before commenting.
    r"\balready\s+a\s+subscriber\b|\blog\s*in\s+(?:for|to\s+(?:get|continue|read))\s+"
    r"(?:immediate\s+|full\s+|unlimited\s+)?(?:access|reading)\b|"
    r"\bfirst[- ]time\s+subscribers\b|\breceive\s+(?:a|our)\s+(?:daily|weekly)\s+"
    r"(?:list|digest|email|roundup|selection)\b|\bcancel\s+(?:at\s+)?any\s*time\b|"
    r"\bcancela\s+cuando\s+quieras\b|\bpara\s+comentar\s+(?:debes|tienes|hay\s+que)\b|"
    r"\bnuestro\s+canal\s+de\s+(?:youtube|whatsapp|telegram)\b|"
    r"\bsuscr[ií]bete\s+(?:a|al|ahora|aqu[ií])\b|\bsuscr[ií]bite\b|"
    r"\breg[ií]strate\s+(?:para|gratis|ahora|aqu[ií])\b|\bjetzt\s+abonnieren\b|\babonnez-vous\b|"
    r"\bfor\s+(?:as\s+little\s+as|only|just)\s+[$€£]\s?\d+(?:[.,]\d+)?\s*(?:a|per|/)\s*"
    r"(?:month|week|year|mo)\b|"
    # A shop's appeal: "Add the ingredients to your basket."
    r"(?:^|[.?!]\s+)add\s+(?:\w+\s+){0,3}to\s+(?:your\s+|the\s+|my\s+)?(?:basket|cart|bag|"
    r"shopping\s+(?:bag|list))\b"
)
_COOKIE = _rx(
    r"\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b|\bcookie\s+(?:policy|settings|"
    r"preferences|consent|notice)\b|\baccept\s+(?:all\s+)?cookies\b|privacy\s+(?:policy|notice|"
    r"settings)|terms\s+(?:of|and)\s+(?:use|service|conditions)|do\s+not\s+sell\s+my"
)
_LEGAL = _rx(
    r"\bcopyrights?\s*(?:©|\(c\)|\d{4})|©|\(c\)\s*\d{4}|all\s+rights\s+reserved|\bvat\s+(?:number|no|id)\b|"
    r"registration\s+(?:number|no)|press\s+register|registered\s+(?:newspaper|office)|"
    r"share\s+capital|\bp\.?\s?iva\b|company\s+(?:number|registration)|"
    r"reproduction\s+(?:is\s+)?(?:prohibited|forbidden)|"
    r"\bimpressum\b|editor[- ]in[- ]chief\s*:|responsible\s+editor\s*:"
)
# "Reuters/Jane Doe": an agency, a slash, the photographer. The regex
# r"\b(?:reuters|afp|ap|epa|aa|xinhua)/[a-z]", written to start at the slash, which the regex
# engine seeks quickly, instead of trying the agencies at every position of the line.
_AGENCY_SLASH = (
    "/(?:"
    + "|".join(rf"(?<=\b{agency}/)" for agency in ("reuters", "afp", "ap", "epa", "aa", "xinhua"))
    + ")[a-z]"
)
_CAPTION = _rx(
    r"\((?:photo|image|picture|foto|pic|file\s+photo|illustration)\b[^)]*\)\s*$|"
    r"^(?:photo(?:graph)?|image|picture|foto|illustration)\s*(?:by|:|credit|courtesy)\s*\S|"
    r"^(?:image|photo|picture|video|media)\s+(?:source|caption|credit|copyright)s?\b|"
    r"\b(?:photo|image|picture)\s+credits?\s*:|^\(?credits?\s*:|\bphotographer\s*:|\bgetty\s+images\b|\bshutterstock\b|\bistock(?:photo)?\b|"
    r"via\s+wikimedia(?:\s+commons)?|\bcc[ -]?(?:0|by(?:-sa|-nd|-nc)*)(?:\s+\d\.\d)?\b|"
    r"/\s*(?:afp|ap|reuters|epa|ansa|pool|anadolu|xinhua|dpa|sputnik|tass)(?:\s+files?)?\s*\)?\s*$|"
    rf"\((?:ap|afp|reuters|epa)\s+photo\b|{_AGENCY_SLASH}|\b(?:ap|afp|reuters|epa)\s+photo\s*/|"
    r"\bfile\s+(?:photo|image|picture)\b|\bsource\s*:\s*[^.]{0,80},\s*cc|"
    r"[.!]\s+(?:photo|foto|image|imagen|bild|picture)\s*:\s*[^.:]{2,60}\.?$"
)
_TEMPLATE_NAME = r"\b[A-Z][A-Za-z]+(?:\??\.[A-Z][A-Za-z]+){2,}"  # "Drupal.Settings.Path"
_TEMPLATE_CODE = (
    r"\?\.[A-Za-z]|\w\(\)|\{\{|\}\}|\{%|%\}|<%|%>|"
    r"\$\{|\bfunction\s*\(|\bvar\s+\w+\s*=|\[object Object\]"
)
_TEMPLATE = re.compile(f"{_TEMPLATE_NAME}|{_TEMPLATE_CODE}")
_RESIDUE = re.compile(r"^[^\w\s]*[\w.'’ -]{0,24}\s*[,;|/]$|^[^\w]+$")
_SYNDICATION = _rx(
    r"syndicated\s+(?:feed|content|news)|auto[- ]generated\s+from|"
    r"(?:story|article|report)\s+(?:has\s+)?(?:not\s+been|was\s+not)\s+edited|"
    r"published\s+from\s+(?:a\s+)?(?:wire|news)\s+(?:agency\s+)?feed|"
    r"from\s+(?:a|the)\s+(?:wire|agency)\s+(?:feed|copy)|"
    r"only\s+the\s+headline\s+(?:and\s+picture\s+)?of\s+this\s+report|"
    # The credit of a story made from the agencies' copy: "Source: Al Jazeera and news
    # agencies", "(With inputs from agencies)". ("Agencies" alone credits a picture too.)
    r"^[(\[]?\s*(?:sources?|(?:with\s+)?inputs?\s+from)\s*:?\s+(?:[^()\[\]]{1,40}?\s+(?:and|&)\s+)?"
    r"(?:news\s+|wire\s+)?agencies\s*[)\]]?\s*\.?$"
)
_EDITORIAL_NOTE = _rx(
    r"\brepublished\s+(?:from|with\s+(?:the\s+)?permission)|under\s+a\s+creative\s+commons\s+"
    r"licen[cs]e|^read\s+the\s+(?:full|original)\s+(?:story|article)\b|"
    r"\bdo(?:es)?\s+not\s+work\s+for,\s+consult|\bdisclosed?\s+no\s+relevant\s+affiliations|"
    r"\bdeclares?\s+no\s+(?:competing\s+interests|conflicts?\s+of\s+interest)|^disclosure\s*:|"
    r"^\((?:updates?|adds|recasts|corrects|rewrites|refiles|changes)\b[^)]*\)$|"
    r"^(?:watch|media\s+caption|image\s+caption|video\s+caption)\s*[:,]|"
    r"\badvertising\s+(?:disclosure|disclaimer)\b|\bis\s+not\s+responsible\s+for\s+(?:the\s+)?"
    r"(?:opinions|views|content|statements)\b[^.]{0,80}\b(?:contributors?|readers|users|"
    r"commenters|third\s+part(?:y|ies))\b|\bwe\s+may\s+(?:receive|earn)\s+"
    r"(?:a\s+)?(?:small\s+)?(?:compensation|commission)\b|\bthis\s+post\s+(?:contains|may\s+contain)"
    r"\s+(?:affiliate|references\s+to\s+products)\b|\b(?:submit|write)\s+(?:a|your)\s+letters?\s+to"
    r"\s+the\s+editor\b|"
    # The page's own buttons and notices inside the article.
    r"^\W*report\s+(?:a|an)\s+(?:correction|typo|error)\b|^reportar\s+(?:un\s+)?error\b|"
    r"\bmedia\s+playback\s+is\s+(?:unsupported|not\s+supported)\b|"
    r"^(?:continue|keep)\s+reading(?:\s+the\s+main\s+story|\s+below)?\W*$|^seguir\s+leyendo\W*$|"
    r"^scroll\s+(?:down\s+)?to\s+continue(?:\s+with\s+(?:the\s+)?content)?\W*$|^click\s+here(?:\s+\S+){0,8}\s*$|"
    r"^(?:leer|ver|lire|leggi|ler)\s+(?:el\s+|la\s+|l'|o\s+|a\s+)?(?:art[ií]culo|nota|noticia|"
    r"article|articolo|artigo|mat[eé]ria)\s+(?:complet[oa]?|en\s+entier)\W*$"
)
_SEPARATOR = re.compile(r"^[_=\-*~#.·•]{3,}$")
_SHARE = _rx(
    r"^(?:share|tweet|email|print|post|send)\b.*\b(?:facebook|twitter|whatsapp|"
    r"linkedin|email|x|telegram|reddit)\b|"
    # "Share this article", "Email this story", "Print this page", "Share:"
    r"^(?:share|email|print)(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|link|news))?"
    r"\s*[:!.]?$"
)
_BYLINE = _rx(
    r"^(?:(?:posted|published)\s+(?:on\s+)?[^|]{4,40}?\s+by|(?:written\s+|words\s+|text\s+|"
    r"posted\s+|edited\s+|published\s+|reported\s+)?by\s*:?|author\s*:|reporter\s*:)\s+"
    r"(?P<rest>.+)$"
)
_HANDLE = re.compile(r"@\w+")


def is_bullet_nav(line: str) -> bool:
    """A bulleted menu entry: a bullet and a few words."""
    return _bulleted(line) and len(words(line)) <= 5


def _bulleted(line: str) -> bool:
    return _BULLET.match(line) is not None


_INLINE_BULLET = re.compile(r"(?:^|\s)[*•·+]\s")
_MENU_ITEM_WORDS = 8


_HEADLINE_ITEM_WORDS = (3, 20)
_SENTENCE_ITEM_END = (".", ",", ":", ";")


def is_bullet_menu(line: str, n_words: int | None = None) -> bool:
    """A menu flattened into one paragraph: several bulleted entries of a few words each
    ("* Edition: English * Français * Home * News * Sport …"), or a list of links to other
    stories, each a headline, none closing a sentence ("* Rivers rise in the north * Talks
    resume in Geneva * …"). `n_words`, if given, is `len(words(line))`."""
    if (
        len(line) < 24
        or line.count("* ") + line.count("• ") + line.count("· ") + line.count("+ ") < 3
    ):
        return False
    parts = _inline_bullet_split(line)
    if len(parts) < 4:
        return False
    items = [p.strip() for p in parts if p.strip()]
    # The entries' words are the line's: a word holds no space nor bullet, and what the
    # split takes out is a bullet and spaces around it.
    if n_words is None:
        n_words = len(words(line))
    if n_words <= _MENU_ITEM_WORDS * len(items):
        return True
    low, high = _HEADLINE_ITEM_WORDS
    return len(items) >= 3 and all(
        low <= len(words(p)) <= high and not p.endswith(_SENTENCE_ITEM_END) for p in items
    )


# `_INLINE_BULLET` after the line's start: a bullet between two spaces. (A regex opening with
# "(?:^|\s)" is tried both ways at every position of the line; this one is sought faster.)
_SPACED_BULLET = re.compile(r"\s[*•·+]\s")
_BULLET_FIRST = re.compile(r"[*•·+]\s")


def _inline_bullet_split(line: str) -> list[str]:
    """`_INLINE_BULLET.split(line)`, found faster. Its "^" matches at the line's start only:
    past it the pattern is `_SPACED_BULLET`; at the start it is a bullet and a space first
    (then the split goes on from there, past the start), else `_SPACED_BULLET` too."""
    if _BULLET_FIRST.match(line) is not None:
        return ["", *_SPACED_BULLET.split(line[2:])]
    return _SPACED_BULLET.split(line)


def is_ui_widget(line: str) -> bool:
    """Buttons, toggles and labels of the page's interface ("No Result", "Search", "Menu")."""
    return _icon(line) or is_ui_words(line)


def is_ui_words(line: str) -> bool:
    """A few words, all of the interface's ("Share", "Log in", "Read more")."""
    if len(line) > 60 or "+" in line or "-" in line:
        return False  # (a "+" or a "-" is a token of its own, and none of the interface's words)
    if line.isascii():
        # Most lines fail on their first word: it is looked at before finding them all.
        first = _ASCII_FIRST_UI_TOKEN.match(line)
        if first is None or first[1].lower() not in _UI_WORDS:
            return False
        tokens = _ASCII_UI_TOKEN.findall(line)
    else:
        # (the same first look: the first token is the first run of letters)
        first = _FIRST_UI_LETTERS.search(line)
        if first is None or first[0].lower() not in _UI_WORDS:
            return False
        tokens = _UI_TOKEN.findall(line)
    if not tokens or len(tokens) > 5:
        return False
    return _UI_WORDS.issuperset(map(str.lower, tokens))


_UI_TOKEN = re.compile(r"[^\W\d_]+|[+\-]")
_FIRST_UI_LETTERS = re.compile(r"[^\W\d_]+")  # (`_UI_TOKEN` on a line without "+" or "-")
assert not _UI_WORDS & {"+", "-"}, "is_ui_words answers a line holding one at once"
_ASCII_UI_TOKEN = re.compile(r"[A-Za-z]+|[+\-]")  # the same on ASCII text, found faster
_ASCII_FIRST_UI_TOKEN = re.compile(r"[^A-Za-z]*([A-Za-z]+)")  # (of a line without "+" or "-")


def is_breadcrumb(line: str) -> bool:
    """A path like "Home » World » Title" or "News / Europe / Title"."""
    if _BREADCRUMB_MARK.search(line) is None:
        return False  # no separator's character at all: found without trying each space
    seps = _BREADCRUMB_SEP.findall(line)
    if not seps:
        return False
    parts = [p.strip() for p in _BREADCRUMB_SEP.split(line) if p.strip()]
    if len(parts) < 2:
        return False
    first = parts[0].lower()
    if first in {"home", "homepage", "start", "news", "index", "inicio", "accueil", "startseite"}:
        return True
    # Without "Home": several short segments, like a path.
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts[:-1])


def is_caps_keywords(line: str) -> bool:
    """A run of capitalised keywords (an image's alt text or a tag cloud), no sentence."""
    return line.isupper() and len(words(line)) >= 4 and not re.search(r"[.!?]\s*$", line)


# The last characters of a line `is_residue` recognises, when it holds a word ("$" also
# matches before a closing newline).
_RESIDUE_ENDS = ",;|/_=-*~#.·•\n"


def is_residue(line: str) -> bool:
    """Fragments of flattened markup: a word and a dangling comma, lone punctuation, rules."""
    return bool(_RESIDUE.match(line) or _SEPARATOR.match(line))


# "[a-z]\??\.[A-Z]" written to start with its dot, which the regex engine seeks quickly.
_DOTTED = re.compile(r"\.(?:(?<=[a-z]\.)|(?<=[a-z]\?\.))[A-Z]")
_CODE_MARKS = ("?.", "()", "{", "}", "<%", "%>", "${", "function", "var ", "[object")


_CODE_MARK = re.compile("|".join(map(re.escape, _CODE_MARKS)))


def is_template_residue(line: str) -> bool:
    """Code from the page's template that leaked into the text; not a sentence of an
    article about code that names a function ("… each time foo() was called.")."""
    hinted = _CODE_MARK.search(line) is not None or _DOTTED.search(line) is not None
    if not hinted or not _template_found(line):
        return False
    tokens = words(line)
    return not (
        len(tokens) >= _TALK_WORDS
        and function_word_ratio(tokens) >= _TALK_FUNCTION_WORDS
        and ends_sentence(line)
    )


def _template_found(line: str) -> bool:
    """`_TEMPLATE.search(line) is not None`, answered faster: each piece of code is looked
    for only when the line holds its marks (`Alternatives`), and a dotted name only where a
    letter, a dot and a capital letter meet (where its first dot is)."""
    if _template_code(line):
        return True
    dot = _NAME_DOT.search(line)
    if dot is None:
        return False
    # A dotted name's first dot is such a meeting, at or past the first one (`dot`); the name
    # starts with the letters just before it, which hold no space nor dot: past the last
    # space before `dot`. It is looked for from there (`\b` and the lookbehinds still see
    # the line before).
    return _TEMPLATE_NAMES.search(line, line.rfind(" ", 0, dot.start()) + 1) is not None


_TEMPLATE_NAMES = re.compile(_TEMPLATE_NAME)
_NAME_DOT = re.compile(r"\.(?:(?<=[A-Za-z]\.)|(?<=[A-Za-z]\?\.))[A-Z]")


def _dotted_template_residue(line: str) -> bool:
    """`is_template_residue`, on a line with a dotted name ("window.App.init"); the only
    way a line holding none of `_CODE_MARKS` is one."""
    return _DOTTED.search(line) is not None and is_template_residue(line)


_TALK_WORDS = 12  # a sentence about code: this many words at least, ...
_TALK_FUNCTION_WORDS = 0.25  # ... this share of them function words, and a full stop


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe | Reuters", "Author: Jane Doe, 27 Feb 2025"."""
    m = _BYLINE.match(line)
    if not m:
        return False
    rest = _HANDLE.sub(" ", m.group("rest"))
    for d in reversed(find_dates(rest)):
        rest = rest[: d.start] + rest[d.end :]
    # "Written by Jane Doe on July 27, 2017": the date's own words are not the name's.
    rest = re.sub(r"\s(?:on|at|am|le|el|il)\s*$|\s(?:on|at)\s+\d.*$", " ", rest.strip())
    tokens = [t for t in words(rest) if not t.isdigit()]
    if not tokens or len(tokens) > 9:
        return False
    capitalised = sum(1 for t in tokens if t[0].isupper() or t.lower() in _NAME_PARTICLES)
    return capitalised / len(tokens) >= 0.7 and not re.search(r"[.!?]\s*$", rest.strip())


def is_social_share(line: str) -> bool:
    return bool(_SHARE.match(line))


def _search(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    alternatives = Alternatives(pattern)
    if alternatives.gated:
        return alternatives
    return lambda line: pattern.search(line) is not None


# Characters other than ASCII letters that a case-blind regex takes for one (İ ı ſ K): a line
# holding none matches an ASCII word case-blind exactly where its lower case holds the word.
_CASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scannable(text: str) -> str:
    """`text` with each lone surrogate (text from a broken feed, or given to the API) as
    U+FFFD: the automaton reads UTF-8, which cannot hold one. No string it looks for holds
    either, so it finds the same strings at the same places."""
    return _SURROGATE.sub("\ufffd", text)


class HintScan:
    """Which of many strings a text holds, in one pass over the text (an Aho-Corasick
    automaton: every occurrence, inside or overlapping others, "credit" and "editor" in
    "creditor"). Each string carries a value; `mask` ORs the values of those found.

    `find(text, True)` lists the occurrences as (index in `strings`, start, end); `values`
    holds the strings' values in the same order."""

    def __init__(self, strings: Iterable[str] | dict[str, int]) -> None:
        table = strings if isinstance(strings, dict) else dict.fromkeys(strings, 0)
        self.strings = list(table)
        self.values = list(table.values())
        self.empty = not table
        # (`find` without its care for lone surrogates, for the engine's own loop)
        self.find_text: Callable[[str, bool], list[tuple[int, int, int]]] = (
            (lambda text, overlapping=False: [])
            if self.empty
            else ahocorasick_rs.AhoCorasick(
                self.strings, implementation=ahocorasick_rs.Implementation.DFA
            ).find_matches_as_indexes
        )

    def find(self, text: str, overlapping: bool = False) -> list[tuple[int, int, int]]:
        try:
            return self.find_text(text, overlapping)
        except UnicodeEncodeError:
            return self.find_text(_scannable(text), overlapping)

    def found(self, text: str) -> set[str]:
        return {self.strings[index] for index, _, _ in self.find(text, True)}

    def holding(self, texts: list[str]) -> list[int]:
        """The indexes, in order, of the texts holding one of the strings (one pass over
        them all: the strings hold no newline)."""
        if self.empty or not texts:
            return []
        ends = list(accumulate(len(text) + 1 for text in texts))
        found = {bisect_right(ends, start) for _, start, _ in self.find("\n".join(texts), True)}
        return sorted(found)

    def mask(self, text: str) -> int:
        mask = 0
        values = self.values
        for index, _, _ in self.find(text, True):
            mask |= values[index]
        return mask


_MANY_GATES = 8  # from so many, one scan for them all beats a test for each


class Alternatives:
    """`pattern.search(text) is not None`, answered faster: a regex of many alternatives
    ("a|b|c") is tried one alternative at a time, and only when the text holds a piece of
    plain text the alternative cannot match without. Python's regex engine otherwise tries
    every alternative at every position of the line. The answer is the same."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.ignore_case = bool(pattern.flags & re.IGNORECASE)
        free: list[str] = []
        anchored: list[str] = []
        gated: dict[str, list[str]] = {}
        for piece in _top_level_alternatives(pattern.pattern):
            items = _parsed(piece, pattern.flags)
            needed = _needed_text(piece, pattern.flags, items)
            if needed and needed.isascii():
                gated.setdefault(needed.lower() if self.ignore_case else needed, []).append(piece)
            elif _at_start(piece, pattern.flags, items):
                anchored.append(piece)
            else:
                free.append(piece)
        # The alternatives found at the line's start only, apart: the regex engine tries a
        # pattern anchored so at the start only, one of many alternatives at every position.
        self.free = re.compile("|".join(free), pattern.flags) if free else None
        self.anchored = re.compile("|".join(anchored), pattern.flags) if anchored else None
        self.gated = tuple(
            (needed, re.compile("|".join(pieces), pattern.flags))
            for needed, pieces in gated.items()
        )
        # (`HintScan.find_text`: the call looks after lone surrogates itself)
        self.gate_scan = HintScan(list(gated)).find_text if len(gated) >= _MANY_GATES else None
        # Lower-case strings one of which every text the pattern finds holds (none to name
        # when an alternative needs no such string).
        self.needs = () if free or anchored else tuple(needed.lower() for needed in gated)

    def __call__(self, text: str) -> bool:
        if self.ignore_case:
            if not text.isascii() and any(map(text.__contains__, _CASE_ODD)):
                return self.pattern.search(text) is not None
            haystack = text.lower()
        else:
            haystack = text
        if self.anchored is not None and self.anchored.match(text) is not None:
            return True
        if self.free is not None and self.free.search(text) is not None:
            return True
        if self.gate_scan is not None:  # many gates: which of them the text holds, in one pass
            try:
                found = self.gate_scan(haystack, True)
            except UnicodeEncodeError:
                found = self.gate_scan(_scannable(haystack), True)  # (see `HintScan.find`)
            # Each gate found, its alternatives searched once (a gate found twice is tried
            # once: the search reads the whole text).
            searched: set[int] = set()
            for index, _, _ in found:
                if index not in searched:
                    if self.gated[index][1].search(text) is not None:
                        return True
                    searched.add(index)
            return False
        for needed, alternative in self.gated:
            if needed in haystack and alternative.search(text) is not None:
                return True
        return False


def _top_level_alternatives(source: str) -> list[str]:
    """`source` cut at its top-level "|" (not inside a group or a [class])."""
    pieces, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # "[]…]" and "[^]…]": a "]" first in the class is one of its characters.
            i += 2 if source[i + 1 : i + 2] == "^" else 1
            if source[i : i + 1] == "]":
                i += 1
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append(source[start:i])
            start = i + 1
        i += 1
    pieces.append(source[start:])
    return pieces


def _parsed(piece: str, flags: int) -> list | None:
    """The items of the regex `piece` as Python's regex parser reads them (None if it
    cannot: another Python's internals)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        return list(_parser.parse(piece, flags).data)
    except Exception:  # noqa: BLE001 - then nothing is known of the piece
        return None


def _at_start(piece: str, flags: int, items: list | None = None) -> bool:
    """The regex `piece` matches at the start of a text only (it opens with "^"). `items`,
    if given, are its `_parsed` items."""
    from re import _constants  # type: ignore[attr-defined]

    if flags & re.MULTILINE:
        return False
    if items is None:
        items = _parsed(piece, flags)
    return bool(items) and items[0] == (_constants.AT, _constants.AT_BEGINNING)


def _needed_text(piece: str, flags: int, items: list | None = None) -> str:
    """The longest run of plain characters every match of the regex `piece` holds ("" if the
    regex cannot be read: then the alternative is always tried). `items`, if given, are its
    `_parsed` items."""
    from re import _constants  # type: ignore[attr-defined]

    if items is None:
        items = _parsed(piece, flags)
    best, run = "", ""
    for op, value in items or ():
        if op is _constants.LITERAL:
            run += chr(value)
            best = max(best, run, key=len)
        else:
            run = ""
    return best


def beginnings(
    pattern: re.Pattern[str], *, matched: bool = False, length: int = 2
) -> tuple[str, ...]:
    """The lower-case beginnings (of up to `length` characters) one of which the lower case of
    every text `pattern` finds starts with; () when that cannot be told (the pattern is not
    anchored at the start, or may begin with any character). `matched`: the pattern is used
    with `match`, anchored without a "^". Case-blind patterns are read as case-blind on ASCII
    text (see `_CASE_ODD`)."""
    try:
        from re import _constants, _parser  # type: ignore[attr-defined]

        items = list(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - another Python's internals: no precondition
        return ()
    if pattern.flags & re.MULTILINE:
        return ()  # "^" is any line's start
    if not matched and (not items or items[0] != (_constants.AT, _constants.AT_BEGINNING)):
        return ()
    c = _constants
    zero_width = (c.AT, c.ASSERT, c.ASSERT_NOT)
    repeats = tuple(
        getattr(c, name)
        for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
        if hasattr(c, name)
    )

    def walk(seq, partial: set[str]) -> tuple[set[str], set[str]]:
        """(the beginnings still growing, those complete) after the items of `seq`."""
        done: set[str] = set()
        for op, value in seq:
            if not partial:
                break
            if op in zero_width:
                continue  # a restriction on what follows: the beginnings stay what they are
            if op is c.LITERAL:
                chars = [chr(value)]
            elif op is c.IN and value and all(kind is c.LITERAL for kind, _ in value):
                chars = [chr(char) for _, char in value]
            elif op is c.IN and all(kind in (c.LITERAL, c.RANGE) for kind, _ in value):
                chars = [
                    chr(char)
                    for kind, v in value
                    for char in ([v] if kind is c.LITERAL else range(v[0], v[1] + 1))
                ]
                if len(chars) > 64:
                    done |= partial
                    partial = set()
                    break
            elif op is c.SUBPATTERN:
                partial, found = walk(value[-1], partial)
                done |= found
                continue
            elif op is c.BRANCH:
                grown: set[str] = set()
                for alternative in value[1]:
                    more, found = walk(alternative, set(partial))
                    grown |= more
                    done |= found
                partial = grown
                continue
            elif op in repeats:
                least, most, sub = value
                grown = set(partial) if least == 0 else set()
                current = partial
                for times in range(1, min(most, length + 1) + 1):
                    current, found = walk(sub, current)
                    done |= found
                    if times >= least:
                        grown |= current
                    if not current:
                        break
                else:
                    if current and least > min(most, length + 1):
                        done |= current  # still growing: what it has so far is a beginning
                partial = grown
                continue
            else:
                done |= partial  # any character may come next: the beginnings end here
                partial = set()
                break
            # (a character whose lower case is two, "İ", gives a longer beginning: cut)
            partial = {(p + char.lower())[:length] for p in partial for char in chars}
            done |= {p for p in partial if len(p) >= length}
            partial = {p for p in partial if len(p) < length}
        return partial, done

    partial, done = walk(items, {""})
    found = partial | done
    if "" in found:
        return ()
    return tuple(sorted(found))


_WHOLE = 240  # characters of a line read whole; a longer one's ends only, for a credit


_HEAD, _TAIL = 60, 160  # the characters of a long line's start and end that `line_ends` keeps
_JOINT = " … "  # (what it puts between them)


def line_ends(line: str) -> str:
    """The start and end of a long line: where a caption names its picture's source."""
    return line if len(line) <= _WHOLE else f"{line[:_HEAD]}{_JOINT}{line[-_TAIL:]}"


_caption = Alternatives(_CAPTION)
_icon = Alternatives(_ICON)
# `_TEMPLATE_CODE` with its pieces that open with "\w" or "\b" written to open with their
# plain text, the check before it made after it (a lookbehind): the regex engine seeks plain
# text quickly, and tries a piece opening otherwise at every position of the line. Each
# matches in a text exactly where the other does, a few characters on.
_TEMPLATE_CODE_SOUGHT = (
    _TEMPLATE_CODE.replace(r"\w\(\)", r"\(\)(?<=\w\(\))")
    .replace(r"\bfunction\s*\(", r"function(?<=\bfunction)\s*\(")
    .replace(r"\bvar\s+", r"var(?<=\bvar)\s+")
)
assert _TEMPLATE_CODE_SOUGHT.count("(?<=") == 3
_template_code = Alternatives(re.compile(_TEMPLATE_CODE_SOUGHT))


# A note that stands for a picture: "(Representational image)", "(File photo)", "File Photo".
_PICTURE_NOTE = _rx(
    r"^\(?\s*(?:representational|representative|file|archive|stock)\s+(?:image|photo|picture|pic)"
    r"\s*\)?\.?$"
)


def is_caption(line: str) -> bool:
    """A photo caption or credit: names the picture's source or photographer."""
    return _caption(line_ends(line))


# The rules in the order they are tried; the first that matches names the line.
LINE_RULES: tuple[LineRule, ...] = (
    # (`is_bullet_nav` without counting the words again: `max_words` does)
    LineRule("navigation", _bulleted, max_words=5, starts=beginnings(_BULLET, matched=True)),
    LineRule("menu_run", is_bullet_menu, hints=(" * ", " • ", " · ", " + ")),
    LineRule("markup_residue", is_residue, max_words=3, ends=_RESIDUE_ENDS),
    LineRule(
        "related_block",
        _search(_RELATED),
        max_words=8,
        hints=(),
        starts=beginnings(_RELATED),
    ),
    LineRule(
        "related_link",
        _search(_RELATED_LINK),
        max_words=30,
        hints=(":", "|", "también", "además", "más", "mira", "relacionada", "interes", "também")
        + ("mais", "aussi", "auch", "thema", "anche", "dazu", "related", "also", "more"),
        # (anchored at the line's start: ~440 of the ~3.1k lines holding a hint begin so)
        starts=beginnings(_RELATED_LINK),
    ),
    LineRule(
        "author_box",
        _search(_AUTHOR_BOX),
        max_words=6,
        hints=("author", "autor", "auteur", "writer"),
    ),
    # `is_ui_widget` in two steps, so that the icon's regex is tried only on lines holding
    # what it needs.
    LineRule("ui_widget", _icon, max_words=8, needs=_icon.needs),
    LineRule(
        "ui_widget",
        is_ui_words,
        max_words=8,
        starts=tuple(sorted({word[:2] for word in _UI_WORDS})),
        starts_unlettered=True,  # (the first word comes after figures or signs)
        unlettered_never="+-",  # (a line holding either is none: see `is_ui_words`)
    ),
    LineRule("caption", _search(_PICTURE_NOTE), max_words=3, hints=("image", "photo", "pic")),
    # (a separator of `_BREADCRUMB_SEP`: one of these between two spaces)
    LineRule("breadcrumb", is_breadcrumb, max_words=40, needs=("»", "›", ">", "/", "|", "::", "→")),
    # `is_template_residue` in two steps: a line holding none of `_CODE_MARKS` is code only
    # with a dotted name in it, found without looking for the marks.
    LineRule("template_residue", is_template_residue, needs=_CODE_MARKS),
    # (`_DOTTED`: a dot, then a capital letter, lowered)
    LineRule(
        "template_residue",
        _dotted_template_residue,
        needs=tuple(f".{letter}" for letter in "abcdefghijklmnopqrstuvwxyz"),
    ),
    LineRule(
        "syndication_note",
        _search(_SYNDICATION),
        max_words=80,
        hints=("syndicat", "generated", "edited", "feed", "headline", "agenc"),
    ),
    LineRule(
        "tags",
        _search(_TAGS),
        max_words=40,
        hints=(":", "："),
        starts=beginnings(_TAGS),  # (anchored: few of the lines holding a ":" begin so)
    ),
    LineRule(
        "reading_widget",
        _search(_READING),
        max_words=24,
        hints=("read", "listen", "updated"),
    ),
    LineRule(
        "reading_widget",
        _search(_READING_ELSEWHERE),
        max_words=24,
        hints=(
            "lectura",
            "lecture",
            "leitura",
            "lesezeit",
            "lesedauer",
            "lettura",
            "escuch",
            "oir ",
            "oír ",
            "ouvir",
            "ouçir",
            "anhören",
            "vorlesen",
            "écouter",
            "ascolta",
        ),
    ),
    LineRule(
        "social_share", is_social_share, max_words=10, starts=beginnings(_SHARE, matched=True)
    ),
    LineRule(
        "editorial_note",
        _search(_EDITORIAL_NOTE),
        max_words=60,
        hints=(
            "republish",
            "creative commons",
            "read the",
            "consult",
            "affiliation",
            "declare",  # (that no interests compete: rarer than "interest")
            "disclosure",
            # (a wire story's note: "(Updates with …)", "(Adds quote …)")
            "(update",
            "(adds",
            "(recasts",
            "(corrects",
            "(rewrites",
            "(refiles",
            "(changes",
            "watch",
            "caption",
            "advertising",
            "compensation",
            "commission",
            "this post",
            "editor",
            "responsible",
            "report",
            "playback",
            "reading",
            "scroll",
            "click here",
            "leyendo",
            "complet",
            "en entier",
        ),
    ),
    LineRule(
        "newsletter",
        _search(_NEWSLETTER),
        max_words=30,
        hints=(
            "notification",
            "straight to your",
            "never miss",
            "comment",
            "email address",
            "sign",
            "subscri",
            "newsletter",
            "inbox",
            "channel",
            "follow",
            "siga",
            "sigue",
            "síguenos",
            "suivez",
            "folgen",
            "seguici",
            "download",
            "welcome",
            "journalism",
            "latest",
            "catch all",
            "consider",
            "support",
            "donat",
            "member",
            "log in",
            "login",
            "receive",
            "cancel",
            "comentar",
            "canal",
            "suscr",
            "abonn",
            "registrate",
            "regístrate",
            "$",
            "€",
            "£",
            "basket",
            "cart",
            "bag",
            "shopping",
        ),
    ),
    LineRule(
        "cookie_notice",
        _search(_COOKIE),
        max_words=40,
        hints=("cookie", "privacy", "terms", "sell"),
    ),
    LineRule(
        "legal_footer",
        _search(_LEGAL),
        max_words=40,
        hints=(
            "copyright",
            "©",
            "(c)",
            "rights",
            "vat",
            "registr",
            "register",
            "capital",
            "iva",
            "company",
            "reproduction",
            "impressum",
            "editor",
        ),
    ),
    LineRule(
        "caption",
        is_caption,
        ends_only=True,
        hints=(
            "photo",
            "image",
            "picture",
            "foto",
            "credit",
            "getty",
            "shutterstock",
            "istock",
            "wikimedia",
            "cc0",
            "cc by",
            "cc-by",
            "cc 0",
            "cc-0",
            "/",
            "illustration",
            "source",
            "file",
        ),
    ),
    LineRule("byline", is_byline, max_words=24, starts=beginnings(_BYLINE, matched=True)),
    # A date holds a year ("19" or "20"): `find_dates` looks no further without one.
    LineRule("date_line", is_date_only, max_words=16, needs=("19", "20")),
    LineRule("timestamp", _search(_TIMESTAMP), max_words=5, needs=(":", "ago", "am", "pm", "m.")),
    LineRule("keyword_caps", is_caps_keywords, max_words=40, upper=True),
)
_NAV_WORDS = LINE_RULES[0].max_words
assert LINE_RULES[0].matches is _bulleted, "the engine answers the first rule at once"
# The second, "menu_run", is tried by the engine with the line's word count, before the rules
# are looked up (see `_classify`); it has hints only, no precondition.
_MENU = LINE_RULES[1]
assert _MENU.matches is is_bullet_menu and _MENU.hints, "the engine answers the second rule next"
assert not (_MENU.starts or _MENU.ends or _MENU.needs or _MENU.upper or _MENU.ends_only)
RULES_BY_NAME = {rule.name: rule for rule in reversed(LINE_RULES)}  # the first of a name


# Each rule with hints gets a bit (`_BIT`); a line's mask has the bits of the rules whose
# hints it holds. Each rule with a precondition (`starts`, `ends`, `needs`, `upper`) gets
# another (`_PRE_BIT`), set in the mask of a line that meets the precondition. One pass over
# the line finds all the hints and needs; the rules to try are then looked up once per word
# count and mask. (The bits are numbered one after another, so that a mask, with
# `_AT_ENDS` below, fits in 30 bits: Python works such an int in one machine word, its `|`
# and `&` without the general case of many digits, and without a new object for each.)
_BIT = {id(rule): 1 << i for i, rule in enumerate(rule for rule in LINE_RULES if rule.hints)}
_PRE_BIT = {
    id(rule): 1 << (len(_BIT) + i)
    for i, rule in enumerate(
        rule for rule in LINE_RULES if rule.starts or rule.ends or rule.needs or rule.upper
    )
}
_ALL_PRE = sum(_PRE_BIT.values())


def _bits(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    table: dict[str, int] = {}
    for key, bit in pairs:
        table[key] = table.get(key, 0) | bit
    return table


_SCAN = HintScan(
    _bits(
        [(hint, _BIT[id(rule)]) for rule in LINE_RULES for hint in rule.hints]
        + [(need, _PRE_BIT[id(rule)]) for rule in LINE_RULES for need in rule.needs]
    )
)


# A long line's hints of a rule that reads its ends only (a caption's credit) are found by the
# line's own scan, with the other strings: each carries `_AT_ENDS` in its value (a bit of no
# rule), and its rule's bit apart (`at_ends`, by the same index), given to the line's mask
# only for an occurrence in the line's ends. That is where `line_ends` would find it: the
# ends it makes are the line's first `_HEAD` and last `_TAIL` characters joined by `_JOINT`,
# and no such hint holds "…" nor begins or ends with a space, so none is found across the
# joint: each is found in the first part (ending by `_HEAD`) or in the last (starting from
# `len - _TAIL`). (The scan finds every occurrence, overlapping ones too, with its place.)
_AT_ENDS = 1 << (len(_BIT) + len(_PRE_BIT))
assert not any(
    "…" in hint or hint[:1] == " " or hint[-1:] == " "
    for rule in LINE_RULES
    if rule.ends_only
    for hint in rule.hints
), "a long line's ends are read apart (see `_AT_ENDS`)"
assert _JOINT.strip() == "…"


def _long_scan(rules: tuple[LineRule, ...]) -> tuple[HintScan, list[int]]:
    """The scan of a long line that only `rules` can recognise: their hints and needs (the
    hints of those that read the line's ends only as `_AT_ENDS`), and the bits of those read
    at the ends, by string (see `_AT_ENDS`). (The fewer the strings, the faster the scan.)"""
    at_ends = _bits(
        (hint, _BIT[id(rule)]) for rule in rules if rule.ends_only for hint in rule.hints
    )
    scan = HintScan(
        _bits(
            [(hint, _BIT[id(rule)]) for rule in rules if not rule.ends_only for hint in rule.hints]
            + [(need, _PRE_BIT[id(rule)]) for rule in rules for need in rule.needs]
            + [(hint, _AT_ENDS) for hint in at_ends]
        )
    )
    return scan, [at_ends.get(string, 0) for string in scan.strings]


# The scan of a long line of n words, as (`find_text`, `values`, `at_ends`). The few automata
# they use (one per set of rules a long line's word count leaves) are made with the module,
# below: each takes about half a millisecond, a cost of the process, not of the first pages.
_LONG_SCANS: dict[
    int, tuple[Callable[[str, bool], list[tuple[int, int, int]]], list[int], list[int]]
] = {}
_SCAN_OF_RULES: dict[tuple[LineRule, ...], tuple[HintScan, list[int]]] = {}


# A long line of few words (a run of links, an address: 11 of the ~2k long lines of the text
# pages) is scanned with the short lines' automaton, already made and in use, not with one
# of its own made for those few lines: it holds every rule's strings, the rules' own among
# them. The bits of rules that cannot see a line that long change nothing: the rules to try
# are only those that can (`_rules_to_try`). The bits of the hints a rule reads at a line's
# ends only are taken out of its values (the ends are looked at apart, as for any long line;
# that rule itself reads the ends only, so a hint elsewhere would only have it tried): they are
# `_AT_ENDS` instead, as in the long lines' own scans.
_FEW_WORDS = 30


def _long_scan_of(n_words: int) -> tuple[Callable[[str, bool], list], list[int], list[int]]:
    if n_words <= _FEW_WORDS:
        _LONG_SCANS[n_words] = _SCAN_FIND, _SCAN_VALUES_LONG, _SCAN_AT_ENDS
        return _LONG_SCANS[n_words]
    rules = tuple(rule for rule in LINE_RULES if n_words <= rule.max_words)
    made = _SCAN_OF_RULES.get(rules)
    if made is None:
        made = _SCAN_OF_RULES[rules] = _long_scan(rules)
    scan, at_ends = made
    _LONG_SCANS[n_words] = scan.find_text, scan.values, at_ends
    return _LONG_SCANS[n_words]


_STARTS = _bits((start, _PRE_BIT[id(rule)]) for rule in LINE_RULES for start in rule.starts)
_STARTS_LONGEST = max(map(len, _STARTS), default=0)
_ENDS = _bits((end, _PRE_BIT[id(rule)]) for rule in LINE_RULES for end in rule.ends)
_UPPER = sum(_PRE_BIT[id(rule)] for rule in LINE_RULES if rule.upper)
_UNLETTERED = sum(_PRE_BIT[id(rule)] for rule in LINE_RULES if rule.starts_unlettered)
# The first characters of lines that some of those rules never match: the rules' bits less theirs
_UNLETTERED_BUT = {
    char: _UNLETTERED
    - sum(
        _PRE_BIT[id(rule)]
        for rule in LINE_RULES
        if rule.starts_unlettered and char in rule.unlettered_never
    )
    for char in "".join(rule.unlettered_never for rule in LINE_RULES)
}
assert _STARTS_LONGEST <= 2, "the engine looks up beginnings of one or two characters"

# The most words of a line that a rule with each kind of precondition can recognise.
_STARTS_WORDS = max(rule.max_words for rule in LINE_RULES if rule.starts)
_UNLETTERED_WORDS = max(rule.max_words for rule in LINE_RULES if rule.starts_unlettered)
_ENDS_WORDS = max(rule.max_words for rule in LINE_RULES if rule.ends)
_UPPER_WORDS = max(rule.max_words for rule in LINE_RULES if rule.upper)
assert _UNLETTERED_WORDS <= _STARTS_WORDS and _ENDS_WORDS <= _STARTS_WORDS


def classify_line(line: str, n_words: int | None = None) -> str | None:
    """The name of the first rule that recognises `line` as page furniture, else None.
    `n_words`, if given, is `len(words(line))`."""
    if n_words is None:
        n_words = len(words(line))
    if n_words <= _CACHED_WORDS:
        return _classify_short(line, n_words)
    return _classify(line, n_words)


# Pages of one outlet repeat the same menus, widgets and footers: short lines are
# remembered (a pure function, so the cache cannot change a result).
_CACHED_WORDS = 12


@lru_cache(maxsize=16384)
def _classify_short(line: str, n_words: int) -> str | None:
    return _classify(line, n_words)


# (words, mask) -> the rules to try, in order, as (name, test) pairs: those that can
# recognise a line of that many words, whose hints (if they have any) the line holds, and
# whose precondition (if they have one) it meets.
_TO_TRY: dict[tuple[int, int], tuple[tuple[str, Callable[[str], bool]], ...]] = {}


def _tried_before(line: str) -> bool:
    """`_MENU`'s test in the rules looked up: the engine tries that rule before it looks
    them up (see `_classify`), so here it does not match."""
    return False


# Each rule as ((name, test), the bits a line's mask must hold for it to be tried): its
# hints' bit if it has hints, its precondition's bit if it has one (each a single bit, so
# "mask & need == need" is "holds its hints and meets its precondition"). (`_MENU`'s test
# as `_tried_before`.)
_NEEDED = tuple(
    (
        (rule.name, _tried_before if rule is _MENU else rule.matches),
        (_BIT[id(rule)] if rule.hints else 0) | _PRE_BIT.get(id(rule), 0),
    )
    for rule in LINE_RULES
)
# The rules' word limits, in order. Lines whose word counts fall between the same two limits
# (a "class": `bisect_left(_LIMITS, n_words)`) are seen by the same rules: a rule sees a line
# of n words when n <= its limit, that is when the class's upper limit is <= its limit.
_LIMITS = sorted({rule.max_words for rule in LINE_RULES})
# The long lines' automata, one for each class of long lines (see `_long_scan_of`).
for _limit in [_FEW_WORDS, *(limit for limit in _LIMITS if limit > _FEW_WORDS)]:
    _long_scan_of(_limit + 1)
# class -> the rules (as in `_NEEDED`) that can recognise a line of that class (none past the
# last limit)
_FOR_CLASS = tuple(
    tuple(
        entry
        for entry, rule in zip(_NEEDED, LINE_RULES, strict=True)
        if c < len(_LIMITS) and _LIMITS[c] <= rule.max_words
    )
    for c in range(len(_LIMITS) + 1)
)
# class -> the bits those rules need (their hints', their preconditions'): the bits of a mask
# that can change which of them are tried.
_CLASS_BITS = tuple(reduce(or_, (need for _, need in entries), 0) for entries in _FOR_CLASS)
# (class, the mask's bits that count for it) -> the rules to try, made once for the many
# (words, mask) pairs that come to the same: ~2k of them instead of ~5.5k on the first pass
# over the text pages (the keys of `_TO_TRY` hold each long line's own word count).
_TO_TRY_CLASS: dict[tuple[int, int], tuple[tuple[str, Callable[[str], bool]], ...]] = {}


def _rules_to_try(n_words: int, mask: int) -> tuple[tuple[str, Callable[[str], bool]], ...]:
    # (the engine looks the rules up by the line's own mask: it is the key they are kept by)
    key = (n_words, mask)
    if n_words == 0:
        mask |= _ALL_PRE  # preconditions speak of lines with words
    word_class = bisect_left(_LIMITS, n_words)
    # The rules to try are those of the class whose needed bits the mask holds: each rule's
    # bits are among the class's bits, so only the mask's bits among them tell.
    reduced = (word_class, mask & _CLASS_BITS[word_class])
    rules = _TO_TRY_CLASS.get(reduced)
    if rules is None:
        rules = tuple([pair for pair, need in _FOR_CLASS[word_class] if mask & need == need])
        if len(_TO_TRY_CLASS) < 100_000:
            _TO_TRY_CLASS[reduced] = rules
    if len(_TO_TRY) < 100_000:
        _TO_TRY[key] = rules
    return rules


_SCAN_FIND, _SCAN_VALUES = _SCAN.find_text, _SCAN.values
_MENU_BIT = _BIT[id(_MENU)]
# (a line of `_WHOLE` characters or fewer holds fewer words; a longer one of `_FEW_WORDS` or
# fewer is read with the short lines' scan: `_MENU`'s bit is found for lines it may see only)
assert _MENU.max_words >= max(_WHOLE, _FEW_WORDS), "see `_classify`"
# (the values of the short lines' scan for a long line: the ends-only hints' bits as
# `_AT_ENDS`, and apart by string)
_ENDS_ONLY_BITS = sum(_BIT[id(rule)] for rule in LINE_RULES if rule.ends_only and rule.hints)
_SCAN_VALUES_LONG = [
    value & ~_ENDS_ONLY_BITS | (_AT_ENDS if value & _ENDS_ONLY_BITS else 0)
    for value in _SCAN_VALUES
]
_SCAN_AT_ENDS = [value & _ENDS_ONLY_BITS for value in _SCAN_VALUES]


def _classify(line: str, n_words: int) -> str | None:
    # The first rule, "navigation" (a bullet and at most five words), answers a page's many
    # menu entries before anything is looked for in them.
    if n_words <= _NAV_WORDS and line[:1] in _BULLET_MARKS and _BULLET.match(line) is not None:
        return LINE_RULES[0].name
    lowered = line.lower()
    # The hints and needs the line holds (`HintScan.mask`, inlined); a long line is scanned
    # for those of the rules that can recognise a line that long.
    if len(lowered) <= _WHOLE:
        find, values = _SCAN_FIND, _SCAN_VALUES
    else:
        find, values, at_ends = _LONG_SCANS.get(n_words) or _long_scan_of(n_words)
    try:
        found = find(lowered, True)
    except UnicodeEncodeError:
        found = find(_scannable(lowered), True)  # (see `HintScan.find`; same places)
    mask = 0
    for index, _, _ in found:
        mask |= values[index]
    if mask & _AT_ENDS:
        # A long line holding a hint of a rule that reads its ends only: the rule's bit if
        # the hint is in the ends (`line_ends(lowered)`: see `_AT_ENDS`).
        mask ^= _AT_ENDS
        tail = len(lowered) - _TAIL
        for index, start, end in found:
            if end <= _HEAD or start >= tail:
                mask |= at_ends[index]
    # (each precondition looked at only for lines short enough for one of its rules)
    if n_words <= _STARTS_WORDS:
        mask |= _STARTS.get(lowered[:1], 0) | _STARTS.get(lowered[:2], 0)
        if n_words <= _UNLETTERED_WORDS and not lowered[:1].isalpha():
            mask |= _UNLETTERED_BUT.get(lowered[:1], _UNLETTERED)
        if n_words <= _ENDS_WORDS:
            mask |= _ENDS.get(line[-1:], 0)
    if n_words <= _UPPER_WORDS and line.isupper():
        mask |= _UPPER
    if not line.isascii() and any(map(line.__contains__, _CASE_ODD)):
        mask |= _ALL_PRE  # a case-blind regex reads these as ASCII letters: no shortcut
    # The first rule the engine tries, when it may: `_MENU`, with the word count it needs
    # (its hints' bit is set only for a line short enough for it).
    if mask & _MENU_BIT and is_bullet_menu(line, n_words):
        return _MENU.name
    rules = _TO_TRY.get((n_words, mask))
    if rules is None:  # (no rule to try is an answer too: the empty tuple)
        rules = _rules_to_try(n_words, mask)
    for name, matches in rules:
        if matches(line):
            return name
    return None


_TERMINAL = re.compile(r"""[.!?:;]["'”’»)\]]*$|[.!?]["'”’»)\]]*\s*\(\w[^()]{0,40}\)$""")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*$")


# The characters _TERMINAL's matches end with: a line ending otherwise is answered at once.
_TERMINAL_LAST = frozenset(".!?:;\"'”’»)]")


_CLOSING = "\"'”’»)]"  # what may follow a sentence's last mark
_SENTENCE_MARKS = frozenset(".!?:;")


def ends_sentence(line: str) -> bool:
    last = line[-1:]
    if last in _TERMINAL_LAST:
        # _TERMINAL's first alternative, read from the end: a mark, then only closing signs.
        if line.rstrip(_CLOSING)[-1:] in _SENTENCE_MARKS:
            return not is_truncated(line)
        if last != ")":
            return False  # the second alternative closes on ")"
    elif last != "\n":
        return False
    return bool(_TERMINAL.search(line)) and not is_truncated(line)


def is_truncated(line: str) -> bool:
    # _TRUNCATED without the regex: "..." or "…", then only white space.
    return line.rstrip().endswith(("...", "…"))


_FIRST_WORDS = 24


def looks_like_prose(line: str, tokens: list[str] | None = None) -> bool:
    """Running text: enough words, enough function words, sentence-shaped."""
    if tokens is None:
        tokens = words(line)
    return prose_shape(line, tokens)[0]


def prose_shape(line: str, tokens: list[str]) -> tuple[bool, bool]:
    """`looks_like_prose(line, tokens)`, and whether the line is that and ends a sentence
    (`ends_sentence`, asked once for both)."""
    n = len(tokens)
    if n < 8:
        return False, False
    # A long line that ends no sentence is prose cut short, unless it is too long for a
    # paragraph: then it is a part of the page flattened into one line (a menu, a list of
    # headlines, an archive). (The shape first: it is cheaper than counting words.)
    complete = ends_sentence(line)
    if not (complete or 20 <= n < _FLATTENED_WORDS or is_truncated(line)):
        return False, False
    # Running text holds function words all through: its first half often settles it.
    # (Counted in steps, the first words, the rest of the half, the rest of the line: a
    # count that reaches the share settles it, as a longer one only adds to it; the whole
    # line's count is `function_word_ratio`'s.)
    ascii = line.isascii()  # (then so are its words)
    if n > _FIRST_WORDS:
        counted = count_function_words(tokens[:_FIRST_WORDS], ascii)
        if counted / n >= 0.12:
            return True, complete
        half = max(_FIRST_WORDS, n // 2)
        counted += count_function_words(tokens[_FIRST_WORDS:half], ascii)
        if counted / n >= 0.12:
            return True, complete
        counted += count_function_words(tokens[half:], ascii)
    else:
        counted = count_function_words(tokens, ascii)
    if counted / n < 0.12:
        return False, False
    return True, complete


_FLATTENED_WORDS = 300


def has_date(line: str) -> bool:
    return bool(find_dates(line))
