"""A seeded generator of realistic news articles for the search bench.

    from corpus import generate
    for doc in generate(10_000, seed=0): ...     # CorpusDoc records, made one at a time

    python bench/corpus.py --n 100000            # time the generator, print counts and a sample

Each `CorpusDoc` has the fields of `parallax.index.search.IndexDoc` (id, title, standfirst,
body, outlet, author, agency, dateline, published, digest), so `IndexDoc(**doc.fields())`
turns it into one. What makes the corpus worth searching:

- 60 invented outlets, some far busier than others, each with its own staff, favourite topics
  and house spelling of names; about a fifth of the articles are wire copy (Reuters, AP, AFP…)
  and the same wire story can run in several outlets on one day, word for word.
- Names and places in the spellings outlets really disagree on: Zelensky / Zelenskiy /
  Zelenskyy, Kyiv / Kiev, Sergei / Sergey Lavrov, Turkey / Türkiye / Turkiye, António /
  Antonio, Erdoğan / Erdogan, US / U.S., … (see `ENTITIES`).
- Dates spread evenly over 2024 and 2025 (a few articles have none); datelines on about
  60% of articles; bylines on most.
- Bodies of 150–1500 words, log-normal around 450 (mean ~520), in paragraphs of sentences.
  The words come from a ranked vocabulary of about 3,200 words (function words, news
  vocabulary with its inflections, a tail of rarer made-up terms) drawn with Zipf
  frequencies, plus per-topic words and phrases ("peace talks", "interest rates"), and a
  pool of 100,000 very rare made-up words, so the vocabulary keeps growing with the corpus
  as real text does.

Reproducible: article i depends only on (seed, i), never on n, so the first 1,000 articles
of the 100k corpus are the 1k corpus. Changing anything in this file changes the corpus;
`GENERATOR_VERSION` says which one a number was measured on.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from operator import itemgetter

__all__ = [
    "CorpusDoc",
    "ENTITIES",
    "GENERATOR_VERSION",
    "OUTLETS",
    "QUERY_WORDS",
    "article",
    "generate",
    "vocabulary",
]

GENERATOR_VERSION = 1
FIRST_DAY = date(2024, 1, 1)
DAYS = 731  # 2024-01-01 .. 2025-12-31


@dataclass(frozen=True, slots=True)
class CorpusDoc:
    """One generated article, with the fields of `IndexDoc`."""

    id: str
    title: str
    standfirst: str | None
    body: str
    outlet: str
    author: str | None
    agency: str | None
    dateline: str | None
    published: date | None
    digest: str

    def fields(self) -> dict[str, object]:
        """The fields as keyword arguments for `IndexDoc`."""
        return asdict(self)


# --------------------------------------------------------------------------------------------
# The vocabulary

# Most frequent first; they head the Zipf ranking.
# fmt: off
FUNCTION_WORDS = """
the of and to a in that is for on said it with was as he by at from his be are have has but
not an they this were who which its their will had would been or we also after more about one
two than over up there new when all her she if other could into out last year i you what some
can no so our them only first against may between before those while three because under such
where since any most during through then should these many now just week still him being both
while like very well back even off here much people told made own another down each how
""".split()

# Pinned right after the function words: the "common word" of the bench must be common.
COMMON_CONTENT = """
government minister president talks officials country war state world percent country's
military police public security economic told spokesman foreign international national
""".split()

NOUNS = """
government minister president official country state war peace ceasefire talk deal agreement
treaty sanction border troop army soldier missile drone attack strike offensive front line
city town village region province capital district neighbourhood street bridge port airport
railway road pipeline refinery plant factory mine farm field harvest crop grain wheat price
market economy inflation rate bank budget deficit debt tax tariff trade export import supply
demand growth recession investor share stock bond currency dollar euro rouble lira yuan
company firm business industry sector worker union strike wage job unemployment pension
energy gas oil electricity power coal nuclear reactor renewable wind solar battery grid
climate emission temperature heatwave flood drought storm wildfire disaster relief aid
refugee migrant asylum camp shelter hospital doctor patient vaccine virus outbreak disease
health school teacher student university court judge trial verdict lawyer prosecutor case
law bill parliament vote election campaign candidate party coalition opposition leader
lawmaker senator committee hearing investigation report inquiry scandal corruption bribe
protest rally demonstrator crowd activist journalist newspaper broadcaster statement
spokesperson interview speech summit meeting visit delegation envoy ambassador embassy
diplomat diplomacy negotiation negotiator mediator proposal plan initiative framework
resolution council commission assembly alliance partner ally neighbour rival enemy threat
risk crisis conflict violence victim casualty death injury prisoner hostage exchange release
weapon ammunition shell tank aircraft jet fighter warship navy fleet submarine base
intelligence spy agency ministry department authority regulator watchdog inspector audit
data network internet platform software chip semiconductor technology device phone user
account privacy fine penalty rule regulation standard target goal deadline schedule decade
month weekend morning evening night hour minute day season quarter forecast estimate figure
survey poll majority minority percentage number amount cost fund loan grant package deal
infrastructure reconstruction damage ruin building house home family child woman man
resident citizen population community group organisation charity volunteer effort response
reform policy strategy approach position stance view concern fear hope doubt question answer
issue problem solution step move decision order request demand warning signal message letter
document draft text clause term condition guarantee commitment promise pledge claim denial
accusation allegation evidence source record history memory legacy future past moment period
event ceremony anniversary tradition culture religion church mosque language identity nation
sovereignty independence territory land sea coast island river mountain forest desert air
space satellite launch mission rocket station orbit research scientist study discovery
""".split()

# "say:said" gives an irregular past ("run:ran:running" and the -ing form too); plain
# entries follow the regular rules.
VERBS = """
say:said tell:told meet:met hold:held seek:sought win:won lose:lost lead:led leave:left
send:sent spend:spent build:built bring:brought buy:bought sell:sold fight:fought keep:kept
make:made take:took give:gave speak:spoke break:broke choose:chose rise:rose fall:fell
grow:grew drive:drove write:wrote run:ran:running begin:began:beginning stop:stopped
plan:planned ban:banned cut:cut:cutting hit:hit:hitting set:set:setting put:put:putting
freeze:froze
accuse add agree allow announce appear approve argue arrest ask attend back block boost call
cancel charge claim close complete confirm consider continue criticise declare deliver deny
deploy describe destroy discuss dismiss draft earn ease end ensure escalate estimate expand
expect explain export face fail finance force freeze gain halt help hope impose improve
include increase insist intend invest invite join launch limit list lower mark mediate
mention monitor move name need negotiate note offer open oppose order pass pay plan pledge
praise prepare present press prevent promise propose protect protest provide publish push
raise reach receive recognise record reduce reform refuse reject release remain remove repeat
replace report represent request require resign resume return reveal review rule sanction
secure share shift sign signal slow state suggest support suspend target threaten track
travel trigger urge visit vote warn welcome withdraw work worry
""".split()

ADJECTIVES = """
new former senior top key major minor main local regional national international global
foreign domestic public private political economic military civil civilian diplomatic
financial fiscal monetary legal illegal official unofficial joint bilateral multilateral
strategic tactical nuclear conventional humanitarian medical electoral parliamentary
presidential constitutional judicial criminal federal central eastern western northern
southern european russian ukrainian turkish american chinese british french german italian
polish indian israeli palestinian iranian syrian african asian arab gulf baltic nordic
large small big huge massive significant serious severe heavy light strong weak stable
fragile direct indirect open secret possible likely unlikely clear unclear early late recent
previous next final initial first second third annual monthly weekly daily short long
high low rising falling higher lower record cheap expensive costly free fair hard difficult
easy quick rapid slow sharp steady modest broad narrow wide deep full partial total complete
critical crucial vital urgent immediate temporary permanent fresh further additional extra
""".split()

ADVERBS = """
also already again still never often always only nearly almost largely mainly mostly partly
fully widely sharply slightly steadily quickly slowly recently previously currently
immediately eventually finally initially reportedly allegedly officially publicly privately
jointly directly indirectly
""".split()

# Syllables for the made-up rare terms (rare place names, surnames, technical words).
SYLLABLES = """
ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti
to va ve vi vo za ze zi zo dar kel mor ven tas lin gor vak ser bel dun
""".split()
# fmt: on


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _verb_forms(entry: str) -> list[str]:
    base, _, rest = entry.partition(":")
    past, _, ing = rest.partition(":")
    if not past:
        if base.endswith("e"):
            past = base + "d"
        elif base.endswith("y") and base[-2] not in "aeiou":
            past = base[:-1] + "ied"
        else:
            past = base + "ed"
    if ing:
        pass
    elif base.endswith("e") and not base.endswith("ee"):
        ing = base[:-1] + "ing"
    elif past == base + base[-1] + "ed":  # stop -> stopped, stopping
        ing = base + base[-1] + "ing"
    else:
        ing = base + "ing"
    return [base, _plural(base), past, ing]


def _made_up(k: int, syllables: int) -> str:
    """The k-th made-up word of `syllables` syllables: the same word for the same k, always."""
    parts = []
    for _ in range(syllables):
        k, r = divmod(k, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts)


def _build_vocabulary() -> list[str]:
    ranked = list(dict.fromkeys(FUNCTION_WORDS + COMMON_CONTENT))
    content: list[str] = []
    for n in NOUNS:
        content += [n, _plural(n)]
    for v in VERBS:
        content += _verb_forms(v)
    content += ADJECTIVES + ADVERBS
    content += ["negotiation", "negotiations", "negotiator", "negotiators", "negotiated"]
    seen = set(ranked)
    content = [w for w in dict.fromkeys(content) if w not in seen]
    random.Random("vocabulary-order").shuffle(content)
    ranked += content
    # The tail: 1,500 rarer made-up terms of three syllables (rare names, technical words).
    tail = [_made_up(7919 * k + 13, 3) for k in range(1500)]
    seen = set(ranked)
    ranked += [w for w in dict.fromkeys(tail) if w not in seen]
    return ranked


_VOCAB = _build_vocabulary()
_TABLE_BITS = 16


def _zipf_table(words: list[str], exponent: float = 1.0) -> tuple[str, ...]:
    """A 65,536-slot lookup table whose slot counts follow Zipf's law (at least one slot each).

    Drawing uniform 16-bit numbers and looking them up is the fast way to sample: the whole
    body's words come from one `randbytes` call and one `itemgetter`, no Python loop per word.
    """
    size = 1 << _TABLE_BITS
    weights = [1.0 / (r**exponent) for r in range(1, len(words) + 1)]
    total = sum(weights)
    counts = [max(1, round(size * w / total)) for w in weights]
    counts[0] += size - sum(counts)  # "the" absorbs the rounding
    table: list[str] = []
    for w, c in zip(words, counts, strict=True):
        table += [w] * c
    assert len(table) == size
    return tuple(table)


_TABLE = _zipf_table(_VOCAB)


def vocabulary() -> list[str]:
    """The ranked vocabulary, most frequent first (without topic words and rare made-up words)."""
    return list(_VOCAB)


# --------------------------------------------------------------------------------------------
# Names, places and organisations, in every spelling outlets use

# key -> (spellings of the full form, spellings of the short form, role)
# fmt: off
ENTITIES: dict[str, tuple[list[str], list[str], str]] = {
    "zelensky": (["Volodymyr Zelensky", "Volodymyr Zelenskiy", "Volodymyr Zelenskyy"],
                 ["Zelensky", "Zelenskiy", "Zelenskyy"], "Ukrainian President"),
    "lavrov": (["Sergei Lavrov", "Sergey Lavrov"], ["Lavrov"], "Russian Foreign Minister"),
    "putin": (["Vladimir Putin"], ["Putin"], "Russian President"),
    "peskov": (["Dmitry Peskov", "Dmitri Peskov", "Dmitriy Peskov"], ["Peskov"],
               "Kremlin spokesman"),
    "erdogan": (["Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"], ["Erdoğan", "Erdogan"],
                "Turkish President"),
    "fidan": (["Hakan Fidan"], ["Fidan"], "Turkish Foreign Minister"),
    "guterres": (["António Guterres", "Antonio Guterres"], ["Guterres"], "UN Secretary-General"),
    "costa": (["António Costa", "Antonio Costa"], ["Costa"], "European Council President"),
    "vdl": (["Ursula von der Leyen"], ["von der Leyen"], "European Commission President"),
    "kallas": (["Kaja Kallas"], ["Kallas"], "EU foreign policy chief"),
    "orban": (["Viktor Orbán", "Viktor Orban"], ["Orbán", "Orban"], "Hungarian Prime Minister"),
    "macron": (["Emmanuel Macron"], ["Macron"], "French President"),
    "merz": (["Friedrich Merz"], ["Merz"], "German Chancellor"),
    "tusk": (["Donald Tusk"], ["Tusk"], "Polish Prime Minister"),
    "rutte": (["Mark Rutte"], ["Rutte"], "NATO Secretary General"),
    "sybiha": (["Andrii Sybiha", "Andriy Sybiha"], ["Sybiha"], "Ukrainian Foreign Minister"),
    "yermak": (["Andriy Yermak", "Andrii Yermak"], ["Yermak"], "presidential chief of staff"),
    "syrskyi": (["Oleksandr Syrskyi", "Oleksandr Syrsky", "Olexander Syrskyi"],
                ["Syrskyi", "Syrsky"], "commander-in-chief"),
    "navalny": (["Alexei Navalny", "Aleksei Navalny", "Alexey Navalny"], ["Navalny"],
                "opposition politician"),
    "lukashenko": (["Alexander Lukashenko", "Aliaksandr Lukashenka"],
                   ["Lukashenko", "Lukashenka"], "Belarusian leader"),
    "ushakov": (["Yuri Ushakov", "Yury Ushakov"], ["Ushakov"], "Kremlin aide"),
    "sharaa": (["Ahmed al-Sharaa", "Ahmad al-Sharaa"], ["al-Sharaa", "Sharaa"],
               "Syrian President"),
    "mbs": (["Mohammed bin Salman", "Muhammad bin Salman", "Mohammad bin Salman"],
            ["bin Salman"], "Saudi Crown Prince"),
    "araghchi": (["Abbas Araghchi", "Abbas Araqchi"], ["Araghchi", "Araqchi"],
                 "Iranian Foreign Minister"),
    "netanyahu": (["Benjamin Netanyahu"], ["Netanyahu"], "Israeli Prime Minister"),
    "kim": (["Kim Jong Un", "Kim Jong-un"], ["Kim"], "North Korean leader"),
    "xi": (["Xi Jinping"], ["Xi"], "Chinese President"),
    "modi": (["Narendra Modi"], ["Modi"], "Indian Prime Minister"),
    "lula": (["Luiz Inácio Lula da Silva", "Luiz Inacio Lula da Silva"], ["Lula"],
             "Brazilian President"),
    "sanchez": (["Pedro Sánchez", "Pedro Sanchez"], ["Sánchez", "Sanchez"],
                "Spanish Prime Minister"),
    "rubio": (["Marco Rubio"], ["Rubio"], "US Secretary of State"),
    "witkoff": (["Steve Witkoff"], ["Witkoff"], "US envoy"),
    "dmitriev": (["Kirill Dmitriev", "Kirill Dmitriyev"], ["Dmitriev", "Dmitriyev"],
                 "Russian envoy"),
}

# key -> spellings
PLACES: dict[str, list[str]] = {
    "kyiv": ["Kyiv", "Kiev"], "kharkiv": ["Kharkiv", "Kharkov"], "odesa": ["Odesa", "Odessa"],
    "lviv": ["Lviv", "Lvov"], "dnipro": ["Dnipro", "Dnepr"],
    "zaporizhzhia": ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
    "luhansk": ["Luhansk", "Lugansk"], "donetsk": ["Donetsk"], "kherson": ["Kherson"],
    "mykolaiv": ["Mykolaiv", "Nikolaev"], "chernihiv": ["Chernihiv", "Chernigov"],
    "moscow": ["Moscow"], "kursk": ["Kursk"], "minsk": ["Minsk"],
    "turkey": ["Turkey", "Türkiye", "Turkiye"], "istanbul": ["Istanbul"], "ankara": ["Ankara"],
    "antalya": ["Antalya"], "brussels": ["Brussels"], "geneva": ["Geneva"],
    "warsaw": ["Warsaw"], "berlin": ["Berlin"], "paris": ["Paris"], "rome": ["Rome"],
    "riyadh": ["Riyadh", "Riyad"], "doha": ["Doha"], "tehran": ["Tehran", "Teheran"],
    "gaza": ["Gaza"], "jerusalem": ["Jerusalem"], "damascus": ["Damascus"],
    "beijing": ["Beijing"], "new_delhi": ["New Delhi"], "mumbai": ["Mumbai", "Bombay"],
    "washington": ["Washington"], "london": ["London"], "chisinau": ["Chisinau", "Chişinău"],
    "us": ["US", "U.S.", "United States"], "uk": ["UK", "U.K.", "Britain"],
    "ivory_coast": ["Ivory Coast", "Côte d'Ivoire"], "czechia": ["Czech Republic", "Czechia"],
    "myanmar": ["Myanmar", "Burma"], "belarus": ["Belarus"], "ukraine": ["Ukraine"],
    "russia": ["Russia"], "iran": ["Iran"], "syria": ["Syria"], "israel": ["Israel"],
    "china": ["China"], "india": ["India"], "poland": ["Poland"], "hungary": ["Hungary"],
}

ORGANISATIONS = [
    "European Commission", "European Union", "EU", "NATO", "United Nations", "UN Security Council",
    "International Monetary Fund", "IMF", "World Bank", "Kremlin", "White House", "Pentagon",
    "European Central Bank", "Federal Reserve", "OPEC", "Gazprom", "Naftogaz", "Red Cross",
    "World Health Organization", "International Atomic Energy Agency", "G7", "G20",
    "European Parliament", "Council of Europe", "African Union", "Verkhovna Rada", "State Duma",
]
# fmt: on


@dataclass(frozen=True)
class _Topic:
    name: str
    words: list[str]  # boosted in the topic's articles
    phrases: list[str]  # multi-word expressions, inserted whole
    people: list[str]  # ENTITIES keys
    places: list[str]  # PLACES keys
    headlines: list[str]  # {P} a person's short name, {L} a place, {O} an organisation, {W} a word


# fmt: off
TOPICS = [
    _Topic("ukraine", "ceasefire offensive front drone drones missile missiles shelling troops "
           "occupied frontline counteroffensive mobilisation air defence brigade".split(),
           ["peace talks", "air defence", "front line", "prisoner exchange", "security guarantees",
            "energy infrastructure", "ballistic missile", "territorial concessions"],
           ["zelensky", "putin", "lavrov", "peskov", "sybiha", "yermak", "syrskyi", "rubio",
            "witkoff", "dmitriev", "ushakov", "erdogan", "costa", "vdl"],
           ["kyiv", "kharkiv", "odesa", "lviv", "dnipro", "zaporizhzhia", "luhansk", "donetsk",
            "kherson", "mykolaiv", "chernihiv", "moscow", "kursk", "ukraine", "russia",
            "istanbul", "riyadh"],
           ["{P} says {W} talks in {L} will go ahead", "Drone attack on {L} kills three",
            "{P} meets {P2} as pressure grows over {W}", "{O} pledges new {W} for Ukraine",
            "Russia and Ukraine swap prisoners after talks in {L}",
            "{P}: no {W} without security guarantees"]),
    _Topic("diplomacy", "summit envoy envoys mediation delegation communique bilateral "
           "multilateral ambassador embassy accord".split(),
           ["peace talks", "joint statement", "foreign minister", "Western elites",
            "diplomatic channels", "prime minister", "high-level talks"],
           ["lavrov", "fidan", "erdogan", "guterres", "rubio", "witkoff", "kallas", "macron",
            "merz", "araghchi", "mbs", "xi", "modi", "lula"],
           ["istanbul", "ankara", "antalya", "geneva", "riyadh", "doha", "washington", "moscow",
            "beijing", "new_delhi", "turkey", "brussels"],
           ["{P} and {P2} meet in {L}", "{L} to host second round of talks",
            "{P} accuses {O} of blocking {W}", "Envoys in {L} agree to restore {W} channels"]),
    _Topic("eu", "commission council parliament directive regulation eurozone member states "
           "presidency veto unanimity enlargement accession".split(),
           ["member states", "European Council", "single market", "rule of law",
            "budget talks", "accession talks", "prime minister"],
           ["vdl", "costa", "kallas", "orban", "macron", "merz", "tusk", "sanchez"],
           ["brussels", "warsaw", "berlin", "paris", "rome", "hungary", "poland", "czechia",
            "chisinau"],
           ["{O} proposes new rules on {W}", "{P} threatens veto over {W}",
            "EU leaders clash over {W} in {L}", "{P} calls for faster {W}"]),
    _Topic("energy", "gas oil lng pipeline pipelines refinery barrels tanker tankers grid "
           "electricity renewables nuclear reactor".split(),
           ["energy prices", "gas supplies", "oil prices", "price cap", "nuclear plant",
            "energy security", "power grid"],
           ["putin", "erdogan", "mbs", "vdl", "orban", "modi"],
           ["zaporizhzhia", "turkey", "doha", "riyadh", "moscow", "hungary", "india", "iran"],
           ["Energy prices jump as {L} cuts {W}", "{O} extends price cap on {W}",
            "{P} signs {W} deal with {L}", "Energy prices ease after {W} deal"]),
    _Topic("economy", "inflation rates rate hike cut growth recession gdp bond yields "
           "currency exports imports tariffs".split(),
           ["interest rates", "central bank", "energy prices", "trade deficit", "economic growth",
            "rate cut", "stock market"],
           ["lula", "modi", "xi", "merz", "erdogan"],
           ["us", "uk", "china", "india", "turkey", "washington", "london", "beijing", "mumbai"],
           ["{O} holds interest rates as {W} slows", "Inflation in {L} eases to {N} percent",
            "Markets fall on {W} fears", "{L} economy grows faster than expected"]),
    _Topic("middle_east", "ceasefire hostages hostage airstrike airstrikes militants aid "
           "convoy humanitarian truce reconstruction".split(),
           ["humanitarian aid", "ceasefire talks", "hostage deal", "aid convoy",
            "prime minister", "foreign minister"],
           ["netanyahu", "sharaa", "mbs", "araghchi", "erdogan", "guterres", "rubio", "witkoff"],
           ["gaza", "jerusalem", "damascus", "tehran", "doha", "riyadh", "israel", "syria",
            "iran", "turkey"],
           ["{P} visits {L} as truce holds", "Aid convoy reaches {L}",
            "{O} warns of famine in {L}", "Talks in {L} on {W} stall"]),
    _Topic("climate", "emissions warming flood floods drought wildfire wildfires heatwave "
           "adaptation carbon coal solar wind".split(),
           ["climate change", "carbon emissions", "net zero", "extreme weather",
            "climate finance"],
           ["guterres", "lula", "modi", "vdl", "xi"],
           ["brussels", "beijing", "new_delhi", "geneva", "london", "ivory_coast", "myanmar"],
           ["Floods in {L} displace thousands", "{P} urges action on {W}",
            "{O} sets new {W} target", "Record heat hits {L}"]),
    _Topic("elections", "ballot ballots polls turnout candidate candidates coalition "
           "campaign runoff referendum constituency".split(),
           ["election campaign", "opinion polls", "ruling party", "prime minister",
            "snap election", "second round"],
           ["orban", "tusk", "merz", "macron", "sanchez", "modi", "lula", "lukashenko"],
           ["hungary", "poland", "belarus", "india", "uk", "us", "chisinau", "minsk"],
           ["{P} claims victory in {L} vote", "Turnout falls in {L} election",
            "{P} calls snap election over {W}", "Opposition in {L} rejects results"]),
    _Topic("tech", "chips semiconductor semiconductors software platform platforms data "
           "privacy artificial intelligence regulation cyberattack hackers".split(),
           ["artificial intelligence", "data protection", "cyber attack", "social media",
            "export controls"],
           ["vdl", "xi", "modi", "rubio"],
           ["brussels", "beijing", "washington", "china", "us", "india"],
           ["{O} fines platform over {W}", "{L} tightens export controls on {W}",
            "Hackers target {L} {W} systems"]),
]
# fmt: on

# Invented names; how busy each is comes from a fixed shuffle in `_build_outlets`.
# The bench filters on "Baltic Courier", a mid-sized one (~1% of articles).
# fmt: off
OUTLETS = [
    "Meridian Post", "Daily Compass", "Eurowire Today", "Northgate Herald", "Riverside Ledger",
    "Capital Desk", "Asia Ledger", "Gulf Chronicle", "Atlas Review", "Baltic Courier",
    "Harbour Times", "Continental Report", "Business Pulse", "MarketLine", "Lakeside Gazette",
    "The Bulletin Online", "Eastern Standard", "Savanna Times", "Pacific Record", "Metro Observer",
    "Bosphorus Daily", "Danube Journal", "Steppe Monitor", "Carpathian News", "Adriatic Wire",
    "Levant Dispatch", "Sahel Today", "Andes Mirror", "Nordic Ledger", "Iberian Voice",
    "Alpine Tribune", "Deccan Ledger", "Yellow Sea Post", "Caspian Report",
    "Aegean Times", "Rhine Courier", "Vistula Observer", "Dnipro Weekly", "Black Sea Monitor",
    "Global Brief", "World Desk", "The Daily Frame", "Evening Signal", "Morning Ledger",
    "Policy Insider", "Diplomatic Review", "Energy Wire", "Markets Today", "Climate Desk",
    "Tech Current", "Civic Times", "Republic Herald", "Union Gazette", "Free Press Europe",
    "Open Column", "Frontline Report", "Harbourview Journal", "Crossroads News",
    "Citizen Post", "Europa Digest",
]
AGENCIES = ["Reuters", "AP", "AFP", "dpa", "Anadolu", "ANI", "PTI", "Bloomberg", "TASS",
            "Xinhua", "EFE", "ANSA", "Ukrinform"]
AUTHOR_FIRST = """Anna Tomasz Amira Kenji Lucía Oluwaseun Priya Mikael Fatima Jonas Ingrid Rafael
Mei Nadia Sipho Élodie Giorgos Aylin Mateus Hana Dmitri Leila Pieter Marisol Kwame Sofia Arjun
Maëlle Tariq Yuki Olena Bogdan Camille Henrik Ruth Emeka Valeria Stefan Aiko Rohan Beatriz
Tobias Samira Lars Chiara Simone Hüseyin Selin Rahul Oksana""".split()
AUTHOR_LAST = """Novak Okafor Brandt Haddad Ferreira Kowalczyk Lindqvist Mensah Tanaka Ortega
Petrov Nakamura Rahman Dubois Papadopoulos Yilmaz O'Neill García-Ruiz Kim Mwangi Rossi Schäfer
Horvat Almeida Iqbal Sørensen Moreau Kaya Banerjee Eriksen Adeyemi Castellano Wójcik Hoffmann
Delgado Nikolaidis Osei Marchetti Aziz Shevchenko Bondarenko Öztürk Demir Sharma Feld""".split()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# fmt: on

QUERY_WORDS = {
    "common": "government",  # pinned high in the ranking: in a large share of articles
    "rare": _VOCAB[-1],  # the last made-up term: one table slot, ~1.2% of articles
    "and": "energy prices",
    "phrase": '"peace talks"',
    "prefix": "negotiat*",
    "outlet": "Baltic Courier",
    "month": "2024-03",
    "alias": "Zelenskiy",
}


@dataclass(frozen=True)
class _Outlet:
    name: str
    weight: float
    sentence_case: bool
    topics: tuple[int, ...]  # favourite topics
    spelling: int  # index into every spelling list (modulo its length)
    staff: tuple[str, ...]


def _build_outlets() -> list[_Outlet]:
    rng = random.Random("outlets")
    order = list(range(len(OUTLETS)))
    rng.shuffle(order)
    out = []
    for rank, i in enumerate(order, 1):
        name = OUTLETS[i]
        staff_size = rng.randint(4, 16)
        staff = tuple(
            f"{rng.choice(AUTHOR_FIRST)} {rng.choice(AUTHOR_LAST)}" for _ in range(staff_size)
        )
        out.append(
            _Outlet(
                name,
                1.0 / rank**0.8,
                rng.random() < 0.6,
                tuple(rng.sample(range(len(TOPICS)), 2)),
                rng.randrange(6),
                staff,
            )
        )
    return out


_OUTLETS = _build_outlets()
_OUTLET_CUM: list[float] = []
for _o in _OUTLETS:
    _OUTLET_CUM.append((_OUTLET_CUM[-1] if _OUTLET_CUM else 0.0) + _o.weight)
# An agency's house spelling, the way an outlet has one (Reuters writes Zelenskiy, AP Zelenskyy).
_AGENCY_SPELLING = {a: i for i, a in enumerate(AGENCIES)}
_AGENCY_SPELLING.update({"Reuters": 1, "AP": 2, "AFP": 0})


class _Speller:
    """Spells names the way one outlet does: its house spelling, with a little inconsistency."""

    def __init__(self, rng: random.Random, house: int) -> None:
        self.rng = rng
        self.house = house
        self.mentioned: set[str] = set()

    def _pick(self, spellings: list[str], salt: int) -> str:
        if len(spellings) == 1:
            return spellings[0]
        if self.rng.random() < 0.1:
            return self.rng.choice(spellings)
        return spellings[(self.house + salt) % len(spellings)]

    def person(self, key: str, *, short: bool | None = None) -> str:
        full, short_forms, role = ENTITIES[key]
        salt = len(key)
        if short is None:
            short = key in self.mentioned
        self.mentioned.add(key)
        if short:
            # the short spelling follows the full one (Zelenskiy -> Zelenskiy)
            return short_forms[min(len(short_forms) - 1, (self.house + salt) % len(full))]
        name = self._pick(full, salt)
        return f"{role} {name}" if self.rng.random() < 0.4 else name

    def place(self, key: str) -> str:
        return self._pick(PLACES[key], len(key))


def _rare_word(k: int) -> str:
    """A word from the pool of 100,000 very rare made-up words."""
    return _made_up(k, 4)  # four syllables: never one of the three-syllable tail words


def _draw_words(rng: random.Random, n: int) -> tuple[str, ...]:
    raw = array("H", rng.randbytes(2 * n))
    if sys.byteorder == "big":
        raw.byteswap()
    if n == 1:
        return (_TABLE[raw[0]],)
    return itemgetter(*raw)(_TABLE)


def _number(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.3:
        return str(rng.randint(2, 99))
    if kind < 0.5:
        return f"{rng.randint(1, 60)} percent"
    if kind < 0.65:
        return f"${rng.randint(1, 900)} {rng.choice(['million', 'billion'])}"
    if kind < 0.8:
        return f"{rng.randint(1, 9)}.{rng.randint(0, 9)}"
    return str(rng.randint(1990, 2025))


def _sentence(rng: random.Random, words: list[str], topic: _Topic, sp: _Speller) -> str:
    """Decorate a run of Zipf words into a sentence: names, topic words, numbers, a comma."""
    r = rng.random
    n = len(words)
    if r() < 0.45:
        words[rng.randrange(n)] = rng.choice(topic.words)
    if r() < 0.25:
        words.insert(rng.randrange(n), rng.choice(topic.phrases))
    if r() < 0.3:
        words.insert(rng.randrange(n), sp.person(rng.choice(topic.people)))
    if r() < 0.25:
        words.insert(rng.randrange(n), "in " + sp.place(rng.choice(topic.places)))
    if r() < 0.08:
        words.insert(rng.randrange(n), rng.choice(ORGANISATIONS))
    if r() < 0.15:
        words.insert(rng.randrange(n), _number(rng))
    if r() < 0.12:
        word = _rare_word(rng.randrange(100_000))
        words.insert(rng.randrange(n), word.capitalize() if r() < 0.5 else word)
    if r() < 0.5 and n > 6:
        i = rng.randrange(2, n - 2)
        words[i] += ","
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    text = " ".join(words)
    if r() < 0.1:
        who = sp.person(rng.choice(topic.people), short=True)
        return f"“{text},” {who} said."
    return text + "."


def _body(
    rng: random.Random, topic: _Topic, sp: _Speller, n_words: int, lead: str
) -> tuple[str, str]:
    """(body, first sentence) of about n_words words."""
    drawn = _draw_words(rng, n_words)
    paragraphs: list[str] = []
    para: list[str] = []
    pos = 0
    first = ""
    sentences_left = rng.randint(1, 4)
    while pos < n_words:
        length = max(6, min(45, int(rng.gauss(21, 8))))
        s = _sentence(rng, list(drawn[pos : pos + length]), topic, sp)
        pos += length
        if not first:
            first = s
            s = lead + s
        para.append(s)
        sentences_left -= 1
        if sentences_left == 0:
            paragraphs.append(" ".join(para))
            para = []
            sentences_left = rng.randint(1, 4)
    if para:
        paragraphs.append(" ".join(para))
    return "\n\n".join(paragraphs), first


def _title(rng: random.Random, topic: _Topic, sp: _Speller, sentence_case: bool) -> str:
    template = rng.choice(topic.headlines)
    p1, p2 = rng.sample(topic.people, 2)
    title = template.format(
        P=sp.person(p1, short=True),
        P2=sp.person(p2, short=True),
        L=sp.place(rng.choice(topic.places)),
        O=rng.choice(ORGANISATIONS),
        W=rng.choice(topic.words + topic.phrases),
        N=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}",
    )
    if not sentence_case:
        title = " ".join(w[:1].upper() + w[1:] if len(w) > 3 else w for w in title.split())
    return title[:1].upper() + title[1:]


def _n_words(rng: random.Random) -> int:
    # Words drawn; names, phrases and numbers add about 12%, so bodies run ~150-1500 words.
    return max(145, min(1320, int(rng.lognormvariate(6.0, 0.55))))


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def article(i: int, seed: int = 0) -> CorpusDoc:
    """Article number i of the corpus with this seed (the same whatever the corpus size)."""
    rng = random.Random(seed * 1_000_003 + i)
    outlet = _OUTLETS[bisect_left(_OUTLET_CUM, rng.random() * _OUTLET_CUM[-1])]
    day = rng.randrange(DAYS)
    published = FIRST_DAY + timedelta(days=day) if rng.random() > 0.01 else None
    wire = rng.random() < 0.2
    if wire:
        # The day's wire stories: outlets on one day running the same agency story share it.
        agency = AGENCIES[min(len(AGENCIES) - 1, int(rng.expovariate(0.35)))]
        story = rng.randrange(4)
        body_rng = random.Random(f"{seed}/{day}/{agency}/{story}")
        house = _AGENCY_SPELLING[agency]
    else:
        agency = None
        body_rng = rng
        house = outlet.spelling
    topic_i = (
        rng.choice(outlet.topics) if body_rng.random() < 0.5 else body_rng.randrange(len(TOPICS))
    )
    topic = TOPICS[topic_i]
    sp = _Speller(body_rng, house)
    dateline = None
    lead = ""
    if wire or body_rng.random() < 0.5:
        dateline = sp.place(body_rng.choice(topic.places))
        if wire and published:
            month = MONTHS[published.month - 1]
            lead = f"{dateline.upper()}, {month} {published.day} ({agency}) - "
        else:
            lead = f"{dateline.upper()} – "
    body, first_sentence = _body(body_rng, topic, sp, _n_words(body_rng), lead)
    standfirst = None
    if body_rng.random() < 0.6:
        standfirst = _sentence(body_rng, list(_draw_words(body_rng, 22)), topic, sp)
    # Each outlet writes its own headline, even on wire copy.
    title = _title(rng, topic, _Speller(rng, outlet.spelling), outlet.sentence_case)
    if wire:
        author = (
            None
            if body_rng.random() < 0.5
            else f"{body_rng.choice(AUTHOR_FIRST)} {body_rng.choice(AUTHOR_LAST)}"
        )
    else:
        author = rng.choice(outlet.staff) if rng.random() < 0.85 else None
    doc_id = hashlib.blake2b(f"{seed}:{i}".encode(), digest_size=8).hexdigest()
    return CorpusDoc(
        id=doc_id,
        title=title,
        standfirst=standfirst,
        body=body,
        outlet=outlet.name,
        author=author,
        agency=agency,
        dateline=dateline,
        published=published,
        digest=_digest(title, standfirst or "", body, outlet.name, str(published)),
    )


def generate(n: int, seed: int = 0) -> Iterator[CorpusDoc]:
    """The first n articles of the corpus with this seed, made one at a time."""
    for i in range(n):
        yield article(i, seed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles (default 10000)")
    ap.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    ap.add_argument("--show", type=int, default=1, help="articles to print (default 1)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    words = chars = wire = 0
    outlets: set[str] = set()
    shown = []
    for doc in generate(args.n, args.seed):
        words += len(doc.body.split())
        chars += len(doc.body)
        wire += doc.agency is not None
        outlets.add(doc.outlet)
        if len(shown) < args.show:
            shown.append(doc)
    took = time.perf_counter() - t0
    print(
        f"{args.n} articles in {took:.1f} s ({args.n / took:,.0f}/s): {words:,} body words "
        f"(mean {words / args.n:.0f}), {chars / 1e6:.1f} M chars, {len(outlets)} outlets, "
        f"{wire} wire; vocabulary {len(_VOCAB)} ranked words (generator v{GENERATOR_VERSION})"
    )
    for doc in shown:
        print(
            f"\n{doc.title}\n[{doc.outlet} | {doc.author} | {doc.agency} | {doc.dateline} | "
            f"{doc.published}]\n{doc.standfirst}\n\n{doc.body}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
