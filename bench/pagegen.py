"""A seeded generator of flattened news-page scrapes, each with its ground truth.

`generate_page(rng)` returns a `GeneratedPage`: the raw text a scraper would have saved
(menus, breadcrumbs, bylines, captions, teasers, footers... around the article) and what a
careful reader finds in it (title, standfirst, author, date, dateline, agency, section, the
body paragraphs, and every line that is not body).

The pages are meant to be an honest evaluation set for the cleaner, so the boilerplate is
made hard on purpose: related-post teasers and author bios are well-formed sentences,
captions are long sentences, a date widget shows the capture day, photo credits name wire
agencies that did not write the story, and body paragraphs start with "By the end of...".
Nothing here is copied from the seed pages; it only imitates their shapes.

Conventions of the ground truth (they follow ../shared/SEEDS.md):
- An inline dateline ("BRUSSELS – ", "LONDON, Feb 27 (Reuters) - ") stays in the body
  paragraph; a dateline on its own line ("MOSCOW", "AP Istanbul") is not body.
- A capture header " date YYYY-MM-DD" prefixed to the first line is the capture day; it is
  the published date only when the page shows no other one (and it then equals it).
- Embedded social posts and numbered lists inside the article are body.
- Subheadings, contributor notes and translation credits are neutral: neither body nor
  boilerplate, so they are not scored either way.
- Body paragraphs that a scraper split at a drop cap ("...in Washington. I" / "n the
  meantime...") are given repaired in `body_paragraphs`.

`score_page(page, article)` compares a cleaned article with the truth; the bench script and
the regression test both use it.
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

__all__ = [
    "FIELDS",
    "LONG_LINE_WORDS",
    "GeneratedPage",
    "PageScore",
    "TEMPLATES",
    "generate_page",
    "generate_pages",
    "score_page",
    "words",
]


@dataclass
class GeneratedPage:
    """A raw page scrape and what a careful human reading finds in it."""

    text: str
    title: str
    standfirst: str | None
    author: str | None
    published: date | None
    dateline: str | None
    agency: str | None
    outlet: str | None
    section: str | None
    body_paragraphs: list[str]
    boilerplate_lines: list[str]
    # Which template (outlet style) made the page, for per-template reports.
    template: str = ""
    # One kind per boilerplate line ("menu", "teaser", "caption"...), same order.
    boilerplate_kinds: list[str] = field(default_factory=list)
    # Lines that are neither body nor boilerplate (subheadings, contributor notes).
    neutral_lines: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Word banks

# fmt: off
FIRST_NAMES = [
    "Anna", "Tomasz", "Amira", "Kenji", "Lucía", "Oluwaseun", "Priya", "Mikael", "Fatima", "Jonas",
    "Ingrid", "Rafael", "Mei", "Nadia", "Sipho", "Élodie", "Giorgos", "Aylin", "Mateus", "Hana",
    "Dmitri", "Leila", "Pieter", "Marisol", "Kwame", "Sofia", "Arjun", "Maëlle", "Tariq", "Yuki",
    "Olena", "Bogdan", "Camille", "Henrik", "Ruth", "Emeka", "Valeria", "Stefan", "Aiko", "Rohan",
    "Beatriz", "Tobias", "Samira", "Lars", "Chiara",
]
LAST_NAMES = [
    "Novak", "Okafor", "Brandt", "Haddad", "Ferreira", "Kowalczyk", "Lindqvist", "Mensah", "Tanaka",
    "Ortega", "Petrov", "Nakamura", "Rahman", "Dubois", "Papadopoulos", "Yilmaz", "van der Berg",
    "O'Neill", "García-Ruiz", "Kim", "Mwangi", "Rossi", "Schäfer", "Horvat", "Almeida", "Iqbal",
    "Sørensen", "Moreau", "Kaya", "Banerjee", "Eriksen", "Adeyemi", "Castellano", "Wójcik",
    "Hoffmann", "Delgado", "Nikolaidis", "Osei", "Marchetti", "Aziz",
]
# fmt: on

# (country, capital, demonym)
# fmt: off
COUNTRIES = [
    ("Poland", "Warsaw", "Polish"), ("Kenya", "Nairobi", "Kenyan"),
    ("Brazil", "Brasília", "Brazilian"), ("Japan", "Tokyo", "Japanese"),
    ("Turkey", "Ankara", "Turkish"), ("Germany", "Berlin", "German"), ("France", "Paris", "French"),
    ("India", "New Delhi", "Indian"), ("Indonesia", "Jakarta", "Indonesian"),
    ("Mexico", "Mexico City", "Mexican"), ("Nigeria", "Abuja", "Nigerian"),
    ("Canada", "Ottawa", "Canadian"), ("Egypt", "Cairo", "Egyptian"),
    ("Norway", "Oslo", "Norwegian"), ("Chile", "Santiago", "Chilean"),
    ("South Korea", "Seoul", "South Korean"), ("Greece", "Athens", "Greek"),
    ("Vietnam", "Hanoi", "Vietnamese"), ("Morocco", "Rabat", "Moroccan"),
    ("Ukraine", "Kyiv", "Ukrainian"), ("Romania", "Bucharest", "Romanian"),
    ("Portugal", "Lisbon", "Portuguese"), ("Pakistan", "Islamabad", "Pakistani"),
    ("Australia", "Canberra", "Australian"), ("Spain", "Madrid", "Spanish"),
    ("Italy", "Rome", "Italian"),
]
MEETING_CITIES = [
    "Geneva", "Istanbul", "Doha", "Vienna", "Singapore", "Brussels", "Riyadh", "Nairobi", "Lima",
    "Rotterdam", "Busan", "Oslo", "Helsinki", "Abu Dhabi", "Cape Town", "Montreal", "Tbilisi",
    "Baku", "Muscat", "Ljubljana",
]
VENUES = [
    "presidential palace", "foreign ministry", "consulate general", "convention centre",
    "parliament building", "central bank headquarters", "port authority offices",
    "old customs house", "national library",
]
ORGS = [
    "European Commission", "World Bank", "International Monetary Fund", "central bank",
    "finance ministry", "energy regulator", "statistics office", "port authority",
    "competition authority", "Ministry of Health", "national grid operator", "electoral commission",
    "African Union", "UN refugee agency", "OECD",
]
THINK_TANKS = [
    "the Centre for Policy Studies", "the Lisbon Institute", "Crestline Capital",
    "the Baltic Economic Forum", "Harbourview Research", "the Institute for Regional Affairs",
    "Meridian Analytics", "the Danube Policy Group",
]
GROUPS = [
    "farmers", "investors", "lawmakers", "residents", "diplomats", "truck drivers", "teachers",
    "small business owners", "doctors", "fishermen", "students", "pensioners", "exporters",
    "local officials",
]
# fmt: on
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# fmt: off
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
# fmt: on
MON3 = [m[:3] for m in MONTHS]
# fmt: off
AP_MONTHS = [
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
]
SECTIONS = [
    "World", "Politics", "Business", "Economy", "Europe", "Energy", "Climate", "Technology",
    "Health", "Markets", "Diplomacy", "Africa", "Asia", "Middle East", "Environment",
    "Global politics", "World News", "International", "Trade", "Industry",
]
# fmt: on
PHOTO_AGENCIES = ["AFP", "Reuters", "Getty Images", "AP Photo", "EPA", "Anadolu", "Bloomberg"]


@dataclass
class _Topic:
    name: str
    issues: list[str]  # noun phrases: "the steel tariffs"
    predicates: list[str]  # finite verb phrases, past/conditional: "would phase out ..."
    actions: list[str]  # infinitive phrases: "lift the export ban"
    stats: list[str]  # stat clauses with {n} and {pct}
    quotes: list[str]  # quoted sentences without final punctuation
    outcomes: list[str]  # noun phrases: "a joint statement"
    headlines: list[str]  # with {country}, {country2}, {city}, {who}, {n}, {issue}


# fmt: off
TOPICS = [
    _Topic(
        "trade",
        [
            "the steel tariffs", "the customs agreement", "export quotas for grain",
            "the new border checks", "the trade deal", "duties on electric vehicles",
        ],
        [
            "would phase out the tariffs over three years",
            "had asked for more time to study the customs rules",
            "could lose access to its largest export market",
            "was ready to challenge the measures at the World Trade Organization",
            "had already cut orders from abroad", "would retaliate against any new duties",
            "expected shipments to recover in the second half of the year",
        ],
        [
            "lift the export ban", "sign the trade agreement", "review the quota system",
            "cut duties on machinery", "reopen the border crossing to freight",
        ],
        [
            "exports of steel fell by {pct} percent in the last quarter",
            "more than {n} trucks were stuck at the border last week",
            "the trade surplus narrowed to {n} million euros",
            "imports from the region rose {pct}% year on year",
        ],
        [
            "We are not going to accept rules that are written somewhere else",
            "This is a first step, not the final one", "Our companies need certainty, not slogans",
            "Nobody wins a trade war, and everybody knows it",
            "The door remains open, but the clock is ticking",
        ],
        [
            "a joint statement", "an agreement on quotas", "a date for the next round",
            "any concessions on tariffs",
        ],
        [
            "{country} and {country2} agree to cut tariffs on steel",
            "{who} warns new duties could hit exporters",
            "Truck queues grow at {country} border as customs checks tighten",
            "{country} challenges {country2} grain quotas",
            "Trade talks resume in {city} amid pressure from exporters",
            "Why the {issue_short} fight matters for {groups}",
        ],
    ),
    _Topic(
        "energy",
        [
            "gas prices", "the pipeline project", "the grid upgrade", "offshore wind auctions",
            "the fuel subsidy", "the nuclear power plant extension",
        ],
        [
            "would cap household energy bills until the end of the year",
            "had delayed the pipeline by at least eighteen months",
            "could face blackouts if the winter is colder than expected",
            "was negotiating new supply contracts with producers in the Gulf",
            "had seen bids from five consortiums", "would keep the reactors running until 2030",
            "had underestimated the cost of connecting wind farms to the grid",
        ],
        [
            "extend the fuel subsidy", "approve the new pipeline", "cap electricity prices",
            "speed up permits for solar farms", "sign a long-term supply contract",
        ],
        [
            "wholesale gas prices rose {pct} percent in a single week",
            "about {n} megawatts of capacity were offline at the peak",
            "household bills have climbed by {pct}% since the start of the year",
            "storage sites are {pct} percent full",
        ],
        [
            "We will not let families choose between heating and eating",
            "The grid was built for another century",
            "Every month of delay costs us money we do not have",
            "There is enough gas, the problem is the price",
        ],
        [
            "an agreement on prices", "a timetable for the auction", "a decision on the subsidy",
            "any firm commitment on supply",
        ],
        [
            "{country} extends fuel subsidy as prices climb",
            "{who} says pipeline will be finished by next winter",
            "Offshore wind auction in {country} draws record bids",
            "Blackout fears grow in {city} as cold snap arrives",
            "{country} and {country2} sign gas supply deal",
            "What the {issue_short} means for household bills",
        ],
    ),
    _Topic(
        "diplomacy",
        [
            "the ceasefire talks", "the peace plan", "the prisoner exchange", "embassy staffing",
            "the sanctions package", "the security guarantees",
        ],
        [
            "had agreed to restore staffing at their embassies",
            "would not sign any deal that was negotiated without it",
            "was prepared to host a summit between the two leaders",
            "had exchanged lists of detainees through intermediaries",
            "wanted guarantees before it withdrew its troops",
            "had accused the other side of violating the truce overnight",
            "saw no reason to lift the sanctions before the talks concluded",
        ],
        [
            "restore normal diplomatic channels", "host a summit between the two leaders",
            "extend the truce by another month", "exchange prisoners before the holiday",
            "reopen the consulates",
        ],
        [
            "at least {n} people have been detained since the talks began",
            "the two sides met {n} times in the past year",
            "more than {n} diplomats were expelled over the past decade",
        ],
        [
            "The first contacts give us some reason for hope",
            "We will judge them by their actions, not their words",
            "Peace cannot be negotiated over the heads of those who live with the war",
            "There is a long way to go, and we know it",
            "Nothing is agreed until everything is agreed",
        ],
        [
            "a joint communique", "a date for the next round", "any breakthrough",
            "an agreement on the prisoner exchange",
        ],
        [
            "{country}, {country2} officials meet in {city} for second round of talks",
            "{who} says summit with {country2} is being prepared",
            "Ceasefire talks stall in {city} over security guarantees",
            "{country} expels diplomats as relations sour",
            "Prisoner exchange between {country} and {country2} delayed again",
            "{country} offers to host peace talks",
        ],
    ),
    _Topic(
        "drought",
        [
            "water rationing", "the drought", "crop losses", "reservoir levels",
            "the irrigation ban", "the emergency water plan",
        ],
        [
            "would ration water in the capital from next month",
            "had lost almost half of the wheat harvest",
            "was trucking drinking water to villages in the south",
            "had declared a state of emergency in four provinces",
            "could not rule out power cuts at hydroelectric plants",
            "would compensate farmers for the lost harvest",
        ],
        [
            "ration water in the capital", "declare a state of emergency",
            "build two new desalination plants", "compensate farmers for crop losses",
        ],
        [
            "reservoirs are at {pct} percent of capacity",
            "rainfall was {pct}% below the long-term average",
            "about {n} farms have applied for emergency aid",
        ],
        [
            "We have never seen the river this low",
            "If it does not rain by spring, we lose another season",
            "The water is simply not there", "People are angry, and they have every right to be",
        ],
        [
            "a plan for the summer", "an agreement on water sharing", "new funding for farmers",
        ],
        [
            "Drought forces water rationing in {city}",
            "{country} farmers count losses as reservoirs dry up",
            "{who} promises aid for drought-hit regions",
            "{country} declares emergency in four provinces",
            "How {city} plans to keep the taps running",
        ],
    ),
    _Topic(
        "elections",
        [
            "the runoff vote", "the coalition talks", "turnout", "the electoral reform",
            "the recount", "the snap election",
        ],
        [
            "had won just over a third of the vote",
            "would challenge the result in the constitutional court",
            "was trying to form a coalition with two smaller parties",
            "had promised to call a referendum within a year",
            "accused the electoral commission of counting too slowly",
            "had ruled out governing with the far right",
        ],
        [
            "form a coalition government", "call a snap election", "recount the ballots",
            "change the electoral law",
        ],
        [
            "turnout reached {pct} percent, the highest in two decades",
            "about {n} ballots were declared invalid", "the governing party lost {n} seats",
        ],
        [
            "The voters have spoken, and we will listen", "This is not the result we hoped for",
            "We are ready to talk to anyone who respects the constitution",
            "The count must be transparent, and it must be fast",
        ],
        [
            "a coalition agreement", "a final result", "a date for the runoff",
        ],
        [
            "{who} claims victory in {country} runoff", "Coalition talks drag on in {country}",
            "{country} opposition demands recount",
            "Turnout surges as {country} votes in snap election",
            "What the {country} result means for {country2}",
        ],
    ),
    _Topic(
        "labour",
        [
            "the rail strike", "the wage negotiations", "the pension reform",
            "the minimum wage increase", "the teachers' walkout",
        ],
        [
            "would raise the retirement age by two years",
            "had rejected the latest pay offer as insulting",
            "would strike again next week if talks failed",
            "had cancelled most long-distance trains",
            "was offering a one-off payment instead of a raise",
            "warned that the reform would push thousands into poverty",
        ],
        [
            "raise the retirement age", "return to the negotiating table",
            "increase the minimum wage", "end the strike before the holidays",
        ],
        [
            "about {n} trains were cancelled on the first day",
            "wages have fallen {pct}% in real terms since 2021",
            "{pct} percent of workers backed the strike in a ballot",
        ],
        [
            "We are not asking for luxury, we are asking for fairness",
            "The government has left us no choice", "This reform is necessary, and it is fair",
            "Nobody wants the trains to stop",
        ],
        [
            "a new pay offer", "an end to the strike", "a compromise on pensions",
        ],
        [
            "Rail strike paralyses {country} as talks fail",
            "{who} defends pension reform in parliament", "Teachers walk out in {city} over pay",
            "Unions in {country} reject latest pay offer",
            "{country} raises minimum wage by {n} percent",
        ],
    ),
    _Topic(
        "technology",
        [
            "the chip plant", "the data protection rules", "the satellite launch", "the new AI law",
            "the broadband rollout", "the spectrum auction",
        ],
        [
            "would build a chip factory outside the capital",
            "had fined the platform for breaching privacy rules",
            "was delaying the launch because of a faulty valve",
            "would require companies to label AI-generated content",
            "had promised fast internet to every village by 2027",
            "could lose the subsidy if construction did not start this year",
        ],
        [
            "build a semiconductor plant", "regulate artificial intelligence",
            "launch the observation satellite", "connect rural schools to broadband",
        ],
        [
            "the plant will employ about {n} people", "the fine amounts to {n} million euros",
            "{pct} percent of households now have fast broadband",
        ],
        [
            "We want these chips to be made here, not imported",
            "The rules apply to everyone, big or small",
            "Space is not a luxury, it is infrastructure", "Innovation and privacy are not enemies",
        ],
        [
            "a decision on the subsidy", "a launch date", "an agreement on the rules",
        ],
        [
            "{country} lands chip factory after months of talks",
            "Regulator fines platform over privacy breach",
            "{country} satellite launch delayed again", "{who}: AI law will protect consumers",
            "{country} and {country2} team up on semiconductors",
        ],
    ),
    _Topic(
        "health",
        [
            "the vaccination campaign", "hospital waiting lists", "the measles outbreak",
            "the drug shortage", "the health budget",
        ],
        [
            "had recorded more than a hundred new cases in a week",
            "would hire thousands of nurses over the next two years",
            "was running short of basic antibiotics",
            "had extended the vaccination campaign to schools",
            "blamed the shortage on a single factory in Asia",
        ],
        [
            "vaccinate every child before autumn", "cut hospital waiting lists",
            "stockpile essential medicines", "hire more nurses",
        ],
        [
            "about {n} children have not received a second dose",
            "waiting lists grew by {pct}% last year", "the health budget will rise {pct} percent",
        ],
        [
            "Every case we see was preventable", "Our staff are exhausted, and they are leaving",
            "We have enough vaccine, what we need is trust",
            "Patients should not pay for our mistakes",
        ],
        [
            "a plan for the shortage", "new funding for hospitals", "an agreement with suppliers",
        ],
        [
            "Measles cases climb in {city} as vaccination lags",
            "{country} hospitals struggle with drug shortage",
            "{who} promises to cut waiting lists", "{country} to hire {n} nurses",
        ],
    ),
    _Topic(
        "housing",
        [
            "mortgage rates", "the housing shortage", "the rent freeze", "bank lending",
            "the interest rate decision",
        ],
        [
            "would keep interest rates unchanged for now",
            "had frozen rents in the capital for two years",
            "expected house prices to fall for a third consecutive quarter",
            "was tightening lending rules for first-time buyers",
            "had approved plans for thousands of new homes",
        ],
        [
            "freeze rents", "build more social housing", "cut interest rates",
            "tighten lending rules",
        ],
        [
            "house prices fell {pct} percent in the year to January",
            "the average mortgage rate rose to {pct}%",
            "about {n} new homes were completed last year",
        ],
        [
            "Young people simply cannot afford to buy anymore",
            "We will do whatever it takes to bring inflation down",
            "Building is the only real answer", "The market is cooling, not collapsing",
        ],
        [
            "a cut in rates", "an agreement on the rent freeze", "new funding for housing",
        ],
        [
            "{country} central bank holds rates as inflation eases",
            "Rents soar in {city} despite freeze", "{who} unveils housing plan",
            "Mortgage rates in {country} hit decade high",
        ],
    ),
    _Topic(
        "disaster",
        [
            "the flood recovery", "the earthquake", "the bridge collapse", "the wildfires",
            "the storm damage",
        ],
        [
            "had destroyed or damaged about two thousand homes",
            "was still searching for survivors under the rubble",
            "had evacuated several villages overnight", "would open an inquiry into the collapse",
            "had asked the European Union for emergency assistance",
        ],
        [
            "rebuild the damaged bridges", "house those left homeless",
            "open an independent inquiry", "release emergency funds",
        ],
        [
            "at least {n} people were killed", "about {n} people remain in shelters",
            "damage is estimated at {n} million dollars",
        ],
        [
            "We lost everything in one night", "The water came faster than anyone expected",
            "There will be a full and independent inquiry",
            "Our priority now is to find the missing",
        ],
        [
            "a full damage assessment", "a date for the inquiry", "emergency funding",
        ],
        [
            "{n} dead after floods hit {city}",
            "Rescuers search rubble after earthquake in {country}",
            "{who} orders inquiry into bridge collapse", "Wildfires force evacuations near {city}",
            "{country} asks for international help after storm",
        ],
    ),
]
# fmt: on

QUOTE_FORMS = ["curly", "straight", "mixed"]


# fmt: off
WHEN_FUTURE = ["next week", "before the summer", "by the end of the month", "in the coming days",
               "later this year"]
REPORTED_BY = ["Reuters", "local media", "the state broadcaster", "AFP", "the Associated Press"]
SIGHTS = ["containers", "gas pipes", "solar panels", "grain silos", "train carriages"]
POST_ENDINGS = ["We agreed to keep working together.", "Much more to do.",
                "Thank you for the frank exchange."]
DEADLINES = ["within six months", "by next year", "as soon as possible", "before the winter"]
TAGLINES = ["Europe, seen up close", "The European angle on the news",
            "News from Brussels and beyond"]
SCARE_QUOTES = ["‘dead in the water’", "‘a betrayal’", "‘the only option left’"]
IMAGE_SOURCES = ["Getty Images", "Reuters", "EPA", "AFP via Getty Images"]
ACADEMIC_ROLES = ["Professor of Economics", "Senior Lecturer in Politics", "Research Fellow"]
# fmt: on


# --------------------------------------------------------------------------------------------
# Prose


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _Writer:
    """Writes news prose on one topic with a small cast, the way an agency story reads."""

    def __init__(self, rng: random.Random, topic: _Topic, quote_form: str) -> None:
        self.rng = rng
        self.topic = topic
        self.quote_form = quote_form
        picks = rng.sample(COUNTRIES, 3)
        self.country, self.capital, self.demonym = picks[0]
        self.country2 = picks[1][0]
        self.country3 = picks[2][0]
        self.city = rng.choice([self.capital, *rng.sample(MEETING_CITIES, 2)])
        self.cast: list[tuple[str, str]] = []  # (full name, role)
        roles = [
            f"{self.demonym} Foreign Minister",
            f"{self.demonym} Finance Minister",
            "Prime Minister",
            "the government spokesperson",
            "the opposition leader",
            f"chief economist at {rng.choice(THINK_TANKS)}",
            "the union leader",
            f"analyst at {rng.choice(THINK_TANKS)}",
            "the UN special envoy",
            f"mayor of {self.capital}",
            "the energy minister",
            "the trade commissioner",
        ]
        for role in rng.sample(roles, 4):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            self.cast.append((name, role))
        self.mentioned: set[str] = set()
        self.used: set[str] = set()

    # small pieces ---------------------------------------------------------------
    def who(self) -> str:
        name, role = self.rng.choice(self.cast)
        if name in self.mentioned:
            return name.split(" ", 1)[1] if self.rng.random() < 0.8 else name
        self.mentioned.add(name)
        if role.startswith(("the ", "analyst", "chief", "mayor")):
            return f"{name}, {role},"
        return f"{role} {name}"

    def who_plain(self) -> str:
        """A person without trailing comma-apposition (safe before a verb)."""
        name, role = self.rng.choice(self.cast)
        if name in self.mentioned:
            return name.split(" ", 1)[1]
        self.mentioned.add(name)
        if role.startswith(("the ", "analyst", "chief", "mayor")):
            return name
        return f"{role} {name}"

    def place(self) -> str:
        return self.rng.choice([self.city, self.capital, self.rng.choice(MEETING_CITIES)])

    def org(self) -> str:
        return self.rng.choice(ORGS)

    def issue(self) -> str:
        return self.rng.choice(self.topic.issues)

    def group(self) -> str:
        return self.rng.choice(GROUPS)

    def day(self) -> str:
        return self.rng.choice(WEEKDAYS)

    def month(self) -> str:
        return self.rng.choice(MONTHS)

    def stat(self) -> str:
        return self.rng.choice(self.topic.stats).format(
            n=self.rng.choice([12, 40, 75, 130, 260, 1200, 3400, 18000, 2, 9]),
            pct=self.rng.choice([3, 4.5, 7, 11, 18, 22, 35, 61, 0.8, 12.5]),
        )

    def subject(self) -> tuple[str, bool]:
        """A clause subject and whether it is plural."""
        return self.rng.choice(
            [
                ("the government", False),
                (f"the {self.org()}", False),
                (f"{self.demonym} officials", True),
                ("the two delegations", True),
                (self.country2, False),
                (self.who_plain(), False),
                ("negotiators", True),
                (f"the ministry in {self.capital}", False),
                ("the company", False),
            ]
        )

    def clause(self) -> str:
        subject, plural = self.subject()
        pred = self.rng.choice(self.topic.predicates)
        if plural:
            pred = pred.replace("was ", "were ", 1) if pred.startswith("was ") else pred
            pred = pred.replace(" its ", " their ").replace(" it ", " they ")
        return f"{subject} {pred}"

    def quote(self, text: str) -> tuple[str, str]:
        form = self.quote_form
        if form == "mixed":
            form = self.rng.choice(["curly", "straight"])
        return ("“", "”") if form == "curly" else ('"', '"')

    def quoted(self) -> str:
        q = self.rng.choice(self.topic.quotes)
        o, c = self.quote(q)
        form = self.rng.randrange(5)
        if form == 0:
            return f"{o}{q},{c} {self.who_plain()} said."
        if form == 1:
            name, role = self.rng.choice(self.cast)
            return f"{o}{q},{c} said {name}, {role}."
        if form == 2:
            return f"{self.who_plain()} said: {o}{q}.{c}"
        if form == 3:
            q2 = self.rng.choice([x for x in self.topic.quotes if x != q])
            return f"{o}{q},{c} {self.who_plain()} told reporters. {o}{q2}.{c}"
        return (
            f"{_cap(self.who_plain())} described {self.issue()} as {o}{self.rng.choice(ADJ_Q)}{c}."
        )

    # sentences --------------------------------------------------------------------
    def sentence(self) -> str:
        """A sentence not yet used in this story (a few tries, then whatever comes)."""
        for _ in range(6):
            s = self._sentence()
            if s not in self.used:
                break
        self.used.add(s)
        return s

    def _sentence(self) -> str:
        r = self.rng
        t = self.topic
        forms: list[Callable[[], str]] = [
            lambda: (
                f"{_cap(self.who())} told reporters in {self.place()} on {self.day()} that "
                f"{self.clause()}."
            ),
            lambda: f"The {self.org()} said in a statement that {self.clause()}.",
            lambda: f"According to figures published by the {self.org()}, {self.stat()}.",
            lambda: (
                f"{_cap(self.group())} in {self.place()} have criticised {self.issue()}, "
                f"arguing that {self.clause()}."
            ),
            lambda: f"It was not immediately clear whether {self.clause()}.",
            lambda: (
                f"The meeting in {self.place()}, which lasted more than "
                f"{r.choice(['three', 'five', 'six', 'eight'])} hours, ended without "
                f"{r.choice(t.outcomes)}."
            ),
            lambda: f"Critics say {self.clause()}, while supporters point out that {self.stat()}.",
            lambda: (
                f"{_cap(self.who_plain())} is expected to {r.choice(t.actions)} "
                f"{r.choice(WHEN_FUTURE)}."
            ),
            lambda: f"Since {self.month()}, {self.stat()}.",
            lambda: (
                f"{self.country}'s parliament is due to debate {self.issue()} "
                f"{r.choice(['next month', 'on Tuesday', 'before the recess'])}, and "
                f"{self.clause()}."
            ),
            lambda: f"{_cap(self.who_plain())} added that {self.clause()}.",
            lambda: (
                f"Analysts cautioned that {self.clause()}, pointing to {self.issue()} as "
                f"the main risk."
            ),
            lambda: f"In {self.month()}, {self.who_plain()} said {self.clause()}.",
            lambda: f"The move comes as {self.clause()}.",
            lambda: f"Asked whether {self.clause()}, {self.who_plain()} declined to comment.",
            lambda: (
                f"{r.choice(['Meanwhile', 'However', 'At the same time', 'Separately'])}, "
                f"{self.clause()}."
            ),
            lambda: f"As reported by {r.choice(REPORTED_BY)}, {self.clause()}.",
            lambda: f"By the end of {self.month()}, {self.stat()}.",
            lambda: (
                f"The {r.choice(['plan', 'proposal', 'decision', 'deal'])} to "
                f"{r.choice(t.actions)} has divided {self.group()} in {self.country}."
            ),
            lambda: (
                f"{self.country} and {self.country2} have been at odds over {self.issue()} "
                f"since {r.choice(['2019', '2021', 'last spring', 'the summer', 'the election'])}."
            ),
            lambda: (
                f"Officials from {self.country3} are also expected to attend the talks in "
                f"{self.place()}."
            ),
            self.quoted,
            self.quoted,
        ]
        return r.choice(forms)()

    def paragraph(self, lo: int = 20, hi: int = 120) -> str:
        target = self.rng.randint(lo, min(hi, lo + 70))
        sents: list[str] = []
        words = 0
        while words < target:
            s = self.sentence()
            n = len(s.split())
            if sents and words + n > hi:
                break
            sents.append(s)
            words += n
        para = " ".join(sents)
        while len(para.split()) < lo:
            para += " " + self.sentence()
        return para

    def headline(self) -> str:
        h = self.rng.choice(self.topic.headlines)
        name = self.rng.choice(self.cast)[0].split(" ", 1)[1]
        iss = self.issue().removeprefix("the ")
        return h.format(
            country=self.country,
            country2=self.country2,
            city=self.city,
            who=name,
            n=self.rng.choice([3, 5, 12, 27, 40, 6]),
            issue_short=iss,
            groups=self.rng.choice(GROUPS),
        )


# fmt: off
ADJ_Q = [
    "a step in the right direction", "deeply worrying", "long overdue", "unacceptable",
    "a historic opportunity", "very useful", "premature",
]
# fmt: on


def _other_writer(rng: random.Random, quote_form: str) -> _Writer:
    """A writer on another (or the same) topic, for teasers of other stories."""
    return _Writer(rng, rng.choice(TOPICS), quote_form)


def _truncate(text: str, rng: random.Random) -> str:
    words = text.split()
    cut = max(6, min(len(words) - 1, rng.randint(12, 24)))
    return " ".join(words[:cut]).rstrip(",;:") + rng.choice(["...", "…", " ...", "..."])


def _title_case(s: str) -> str:
    small = {
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "from",
        "over",
        "after",
        "amid",
    }
    out = []
    for i, w in enumerate(s.split(" ")):
        if i and w.lower() in small:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


# --------------------------------------------------------------------------------------------
# Dates


def _time12(rng: random.Random, dotted: bool = False) -> str:
    h, m = rng.randint(1, 12), rng.randint(0, 59)
    if dotted:
        return f"{h}:{m:02d} {rng.choice(['a.m.', 'p.m.'])}"
    return f"{h}:{m:02d} {rng.choice(['AM', 'PM'])}"


def _time24(rng: random.Random, sep: str = ":") -> str:
    return f"{rng.randint(0, 23):02d}{sep}{rng.randint(0, 59):02d}"


def fmt_date(d: date, style: str, rng: random.Random) -> str:
    """One date written the way some outlet writes it."""
    M, m3, wd = MONTHS[d.month - 1], MON3[d.month - 1], WEEKDAYS[d.weekday()]
    if style == "dmy":
        return f"{d.day} {M} {d.year}"
    if style == "mdy":
        return f"{M} {d.day}, {d.year}"
    if style == "ap":
        return f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "mdy3":
        return f"{m3} {d.day}, {d.year}"
    if style == "dmy3":
        return f"{d.day} {m3} {d.year}"
    if style == "ist":
        return f"{m3} {d.day:02d} {d.year} | {_time12(rng)} IST"
    if style == "dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "wd_dmy":
        return f"{wd} {d.day} {M} {d.year}"
    if style == "wd_mdy":
        return f"{wd}, {M} {d.day}, {d.year}"
    if style == "slash":  # only unambiguous days, else the dotted form
        if d.day > 12:
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "iso_ts":
        return f"{d.isoformat()}T{_time24(rng)}:00{rng.choice(['Z', '+01:00', '+03:00', '-05:00'])}"
    if style == "time_first":
        return f"{_time24(rng)}, {d.day} {m3} {d.year}"
    if style == "mdy_time":
        return f"{M} {d.day}, {d.year} {_time12(rng)} {rng.choice(['GMT', 'UTC', 'CET', 'EST'])}"
    if style == "ap_time":
        return f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}, {_time12(rng, dotted=True)} ET"
    if style == "short_wd":
        return f"{wd[:3]}, {m3} {d.day}, {d.year} at {_time12(rng)} GMT+1"
    if style == "dmy_comma":
        return f"{d.day} {m3}, {d.year}"
    raise ValueError(style)


# fmt: off
DATE_STYLES = [
    "dmy", "mdy", "ap", "iso", "mdy3", "dmy3", "ist", "dot", "wd_dmy", "wd_mdy", "slash", "iso_ts",
    "time_first", "mdy_time", "ap_time", "short_wd", "dmy_comma",
]
# fmt: on


def _random_published(rng: random.Random) -> date:
    return date(2024, 1, 1) + timedelta(days=rng.randrange(0, 700))


# --------------------------------------------------------------------------------------------
# The page under construction

_BODY, _BOILER, _NEUTRAL = "body", "boiler", "neutral"


@dataclass
class _Line:
    text: str
    role: str
    kind: str = ""
    gold: str | None = None  # for body lines whose page text is damaged (split words)
    indent: str | None = None  # overrides the page indent (menus carry their own)


class _Page:
    """Blocks of lines with their roles; rendered with one outlet's whitespace habits."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.blocks: list[list[_Line]] = []

    def boiler(self, kind: str, *lines: str, indent: str | None = None) -> None:
        lines = tuple(ln for ln in lines if ln and ln.strip())
        if lines:
            self.blocks.append([_Line(ln, _BOILER, kind, indent=indent) for ln in lines])

    def boiler_block(self, items: list[tuple[str, str]], indent: str | None = None) -> None:
        """One block of boilerplate lines of different kinds: [(kind, text)]."""
        block = [_Line(t, _BOILER, k, indent=indent) for k, t in items if t and t.strip()]
        if block:
            self.blocks.append(block)

    def para(self, text: str) -> None:
        self.blocks.append([_Line(text, _BODY)])

    def body_lines(self, *lines: str) -> None:
        """Several short body lines in one block (social post, list)."""
        self.blocks.append([_Line(ln, _BODY) for ln in lines])

    def neutral(self, text: str) -> None:
        self.blocks.append([_Line(text, _NEUTRAL)])

    # -------------------------------------------------------------------------------
    def render(
        self,
        *,
        blank: str = "block",
        indent: str = "",
        crlf: bool = False,
        header: str | None = None,
    ) -> tuple[str, list[str], list[str], list[str], list[str]]:
        """Text plus (gold body paragraphs, boilerplate lines, their kinds, neutral lines)."""
        rng = self.rng
        out: list[str] = []
        body: list[str] = []
        boiler: list[str] = []
        kinds: list[str] = []
        neutral: list[str] = []
        first = True
        for bi, block in enumerate(self.blocks):
            if bi:
                if blank == "none":
                    pass
                elif blank == "every" or blank == "block":
                    out.append("")
                    if rng.random() < 0.04:
                        out.append("")
            for li, line in enumerate(block):
                if li and blank == "every":
                    out.append("")
                text = line.text
                if first and header is not None:
                    text = header + text
                first = False
                ind = indent if line.indent is None else line.indent
                shown = ind + text
                if rng.random() < 0.03:
                    shown += rng.choice([" ", "  ", "\t", "\xa0"])
                out.append(shown)
                if line.role == _BODY:
                    body.append(line.gold if line.gold is not None else text)
                elif line.role == _BOILER:
                    boiler.append(text.strip())
                    kinds.append(line.kind)
                else:
                    neutral.append(text.strip())
        text = "\n".join(out) + ("\n" if rng.random() < 0.7 else "")
        if crlf:
            text = text.replace("\n", "\r\n")
        return text, body, boiler, kinds, neutral


def _split_drop_cap(page: _Page, rng: random.Random) -> None:
    """Damage one pair of body paragraphs the way a drop cap does: "...here. I" / "n the"."""
    idx = [
        i
        for i in range(len(page.blocks) - 1)
        if len(page.blocks[i]) == 1
        and page.blocks[i][0].role == _BODY
        and len(page.blocks[i + 1]) == 1
        and page.blocks[i + 1][0].role == _BODY
        and len(page.blocks[i + 1][0].text) > 2
        and page.blocks[i + 1][0].text[0].isupper()
        and page.blocks[i + 1][0].text[1].islower()
        # drop caps open regular paragraphs, not list items or embedded posts
        and min(len(page.blocks[i][0].text.split()), len(page.blocks[i + 1][0].text.split())) >= 20
    ]
    if not idx:
        return
    i = rng.choice(idx)
    a, b = page.blocks[i][0], page.blocks[i + 1][0]
    a.gold, b.gold = a.text, b.text
    a.text = a.text + " " + b.text[0]
    b.text = b.text[1:]


# --------------------------------------------------------------------------------------------
# Boilerplate banks

# fmt: off
NAV_WORDS = [
    "Home", "World", "Politics", "Business", "Economy", "Markets", "Tech", "Science", "Health",
    "Sport", "Culture", "Opinion", "Video", "Podcasts", "Newsletters", "Weather", "Travel",
    "Lifestyle", "Energy", "Climate", "Europe", "Africa", "Asia", "Americas", "Middle East",
    "Defence", "Education", "Media", "Obituaries", "Puzzles", "Events", "Jobs", "Real Estate",
    "Autos", "Food & Drink", "Fact check", "Explainers", "Long reads", "Photo galleries",
    "Agriculture", "Banking & Funds", "Mobility & Transport", "Sustainable business", "Industry",
    "Legal", "Data", "Interviews", "Letters", "Columnists",
]
FOOTER_LINKS = [
    "About us", "Contact us", "Privacy Policy", "Cookie Policy", "Terms of Use",
    "Advertise with us", "Careers", "RSS", "Sitemap", "Editorial guidelines", "Corrections",
    "Accessibility", "Manage cookies", "Code of conduct", "Our team", "Subscribe", "Newsletters",
    "Archive", "Help", "Imprint",
]
TEMPLATE_RESIDUE = [
    "{{ article.section | upper }}", "Model.Category?.Parent?.Name?.ToUpper()", "undefined",
    "[object Object]", "%%KICKER_TEXT%%", "${story.label}", "ng-bind=\"vm.headline\"",
    "<!-- /ad-slot-inarticle -->",
    "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1024-3'); });",
    "window.dataLayer = window.dataLayer || [];", "null", "Loading...",
    "Please enable JavaScript to view the comments.", "{% include 'partials/share.html' %}",
]
SOCIAL_LINES = [
    "Share", "Tweet", "Share on Facebook", "Share on X", "WhatsApp", "Copy link", "Email", "Print",
    "Save", "Share this article", "LinkedIn", "Telegram", "Reddit", "Gift this article",
]
READ_TIME = [
    "3 min read", "4 minute read", "Reading time: 5 minutes", "2 min read",
    "Listen to this article", "Listen · 4:12 min", "Font size A A A", "6 min read",
]
COOKIE_LINES = [
    "We use cookies to improve your experience on our site. By continuing to browse, you agree "
    "to our use of cookies.",
    "We and our partners store and access information on your device to show you personalised "
    "content and measure how our site is used.",
    "This website uses cookies so that we can provide you with the best user experience possible.",
    "You can change your preferences at any time by visiting the privacy settings page.",
    "Accept all", "Reject all", "Manage preferences", "Cookie settings", "I agree",
    "We value your privacy",
]
NEWSLETTER_LINES = [
    "Sign up for our newsletter",
    "Get the day's top stories delivered to your inbox every morning.", "Enter your email address",
    "Subscribe", "By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy.",
    "Thank you for subscribing!", "Something went wrong. Please try again later.",
    "The essential briefing on the world's economy, written by our correspondents, arrives "
    "every weekday at 7am.",
    "Sign up for daily updates on the stories shaping markets and policy.",
    "No spam, unsubscribe at any time.",
]
APP_LINES = [
    "Download the app", "Get the app", "Follow us on Google News",
    "Join our WhatsApp channel for the latest updates.", "Follow us on X, Facebook and Instagram",
    "Don't miss a story: follow us on Telegram for breaking news and analysis.",
    "Get breaking news alerts on your phone.",
]
INSERT_LINES = [
    "Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
    "Continue reading the main story", "Advertisement · Scroll to continue", "Sponsored",
    "Content continues below", "AD",
]
SUBHEADS = [
    "What happens next", "A long road ahead", "Pressure from abroad", "Hopes and doubts",
    "The numbers", "Reaction at home", "Why it matters", "A divided government", "Background",
    "Next steps", "The view from the street", "Old disputes",
]
# fmt: on


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _handle(name: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if ch.isalnum() and ch.isascii()
    )


def _slug(text: str) -> str:
    out = "".join(ch.lower() if ch.isalnum() and ch.isascii() else "-" for ch in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def _upper_name(name: str) -> str:
    return name.upper()


def caption(rng: random.Random, w: _Writer, published: date, title: str) -> str:
    """A photo caption: usually a long, well-formed sentence with a credit."""
    shot = published - timedelta(days=rng.randrange(0, 40))
    d_us = f"{MONTHS[shot.month - 1]} {shot.day}, {shot.year}"
    p1, p2, p3 = _name(rng), _name(rng), _name(rng)
    ph = _name(rng)
    city = w.place()
    c = rng.randrange(12)
    if c == 0:
        return (
            f"{w.cast[0][1].removeprefix('the ').capitalize()} {w.cast[0][0]} speaks during a "
            f"news conference in {city}, {w.country}, on {d_us}. (Photo by "
            f"{_upper_name(ph)} / {rng.choice(['AFP', 'POOL / AFP', 'ANADOLU'])})"
        )
    if c == 1:
        return (
            f"(L to R) {p1}, {p2} and {p3} attend a meeting at the {rng.choice(VENUES)} in "
            f"{city} on {d_us}. REUTERS/{ph}/File Photo"
        )
    if c == 2:
        return (
            f"Demonstrators gather outside the {rng.choice(VENUES)} in {city} on "
            f"{WEEKDAYS[shot.weekday()]}. Photo: {ph}/Getty Images"
        )
    if c == 3:
        return f"{title}. Source: {ph}, CC BY-SA 4.0, via Wikimedia Commons"
    if c == 4:
        return (
            f"File photo of the {rng.choice(VENUES)} in {city}. "
            f"(Image: {rng.choice(['Reuters', 'Getty', 'AP', 'Shutterstock'])})"
        )
    if c == 5:
        return (
            f"A worker walks past {rng.choice(SIGHTS)} "
            f"at a site near {city}, {w.country}, {d_us}. REUTERS/{ph}"
        )
    if c == 6:
        return (
            f"{w.cast[1][0]} gestures as {rng.choice(['he', 'she'])} addresses lawmakers in "
            f"{w.capital}. | Photo Credit: {rng.choice(['AP', 'AFP', 'Reuters', 'PTI'])}"
        )
    if c == 7:
        return (
            f"From left, {p1}, {p2} and {p3} pose for a family photo before talks in "
            f"{city}, {d_us}. EPA/{_upper_name(ph)}"
        )
    if c == 8:
        return f"Image: {ph} / Anadolu via Getty Images"
    if c == 9:
        return f"{w.cast[0][0]} arrives for the summit in {city}. Photographer: {ph}/Bloomberg"
    if c == 10:
        return (
            f"Officials inspect the damage in {city} on {WEEKDAYS[shot.weekday()]}, "
            f"{d_us}. (AP Photo/{ph})"
        )
    return f"{title} (Photo: {ph}/{rng.choice(PHOTO_AGENCIES)})"


def alt_text(rng: random.Random, w: _Writer) -> str:
    """Short image alt text, as it survives flattening."""
    name = rng.choice(w.cast)[0]
    last = name.split(" ", 1)[1]
    c = rng.randrange(6)
    if c == 0:
        return f"{name}, {last}"
    if c == 1:
        return f"{w.country} {w.country2} flags"
    if c == 2:
        return f"Flags of {w.country} and {w.country2}"
    if c == 3:
        return rng.choice(
            [
                "file image",
                "representational image",
                "Representative Image",
                "map visualization",
                "Image for representation",
            ]
        )
    if c == 4:
        return f"{w.issue().removeprefix('the ')}, {w.country}"
    return f"{last}, {w.capital}"


def tag_line(rng: random.Random, w: _Writer) -> str:
    tags = [w.country, w.country2, w.topic.name, w.issue().removeprefix("the "), w.capital]
    tags = rng.sample(tags, rng.randint(2, 4))
    c = rng.randrange(7)
    if c == 0:
        return "Tags: " + ", ".join(tags)
    if c == 1:
        return "Topics : " + " ".join(tags)
    if c == 2:
        return "Tags: " + "".join(t.lower().replace(" ", "") for t in tags)
    if c == 3:
        return " ".join(t.lower() for t in tags)
    if c == 4:
        return "Filed under: " + ", ".join(tags)
    if c == 5:
        return " ".join("#" + t.replace(" ", "") for t in tags)
    return "TOPICS: " + " | ".join(t.upper() for t in tags)


def copyright_line(rng: random.Random, outlet: str, year: int) -> str:
    c = rng.randrange(6)
    if c == 0:
        return f"Copyright © {year} {outlet}. All rights reserved."
    if c == 1:
        return f"© {year} {outlet} Media Group Ltd"
    if c == 2:
        return f"Copyrights © {year} {outlet} Private Ltd. All rights reserved"
    if c == 3:
        return f"© Copyright {outlet} {year - rng.randint(5, 20)}-{year}"
    if c == 4:
        return (
            f"All content © {year} {outlet}. Reproduction in whole or in part without "
            f"written permission is prohibited."
        )
    return f"{outlet} © {year}"


def legal_lines(rng: random.Random, outlet: str) -> list[str]:
    opts = [
        f"{outlet} is a registered newspaper",
        f"Registered with the Press Court of {rng.choice(['Milan', 'Lisbon', 'Lyon', 'Porto'])} "
        f"under no. {rng.randint(10, 999)}/{rng.randint(2001, 2021)}",
        f"VAT no. {rng.choice(['IT', 'PT', 'FR', 'ES'])}{rng.randint(10**9, 10**10 - 1)}",
        f"Registered in England and Wales No. {rng.randint(10**6, 10**7 - 1)}",
        f"Registered office: {rng.randint(1, 120)} {rng.choice(['Harbour', 'King'])} "
        f"Street, {rng.choice(['London', 'Dublin', 'Manchester'])}",
        f"Share capital {rng.randint(10, 500)}.000,00 € fully paid up",
        f"Editor-in-chief: {_name(rng)}",
        "Responsible under press law: the editorial board",
    ]
    return rng.sample(opts, rng.randint(1, 3))


def syndication_note(rng: random.Random, outlet: str) -> str:
    return rng.choice(
        [
            f"(Only the headline and picture of this report may have been reworked by the {outlet} "
            "staff; the rest of the content is auto-generated from a syndicated feed.)",
            f"(This story has not been edited by {outlet} staff and is auto-generated from a "
            "syndicated feed.)",
            f"(Except for the headline, this story has not been edited by {outlet} staff and is "
            "published from a syndicated feed.)",
            "Disclaimer: This story is from an auto-generated syndicated news feed; the body copy "
            "was not modified by our editors.",
            f"This article was published from a wire agency feed without modifications to the "
            f"text. Only the headline has been changed by {outlet}.",
        ]
    )


# fmt: off
OUTLETS = [
    "The Meridian Post", "Daily Compass", "Eurowire Today", "Northgate Herald",
    "The Riverside Ledger", "Capital Desk", "Asia Ledger", "Gulf Chronicle", "The Atlas Review",
    "Harbour Times", "Continental Report", "Business Pulse", "MarketLine", "Lakeside Gazette",
    "The Bulletin Online", "Eastern Standard", "Savanna Times", "Baltic Courier", "Pacific Record",
    "Metro Observer",
]
# fmt: on


# --------------------------------------------------------------------------------------------
# One story and the page that shows it


def _n_paras(rng: random.Random) -> int:
    return min(25, max(3, int(rng.triangular(3, 25, 8))))


class _Ctx:
    """The story (what the article is) and the page being built around it."""

    def __init__(
        self,
        rng: random.Random,
        template: str,
        *,
        para_lo: int = 20,
        para_hi: int = 120,
        n_paras: int | None = None,
        quote_form: str | None = None,
        title_case: bool = False,
    ) -> None:
        self.rng = rng
        self.template = template
        self.quote_form = quote_form or rng.choices(QUOTE_FORMS, [5, 3, 2])[0]
        self.topic = rng.choice(TOPICS)
        self.w = _Writer(rng, self.topic, self.quote_form)
        self.title = self.w.headline()
        if title_case:
            self.title = _title_case(self.title)
        self.standfirst_text = " ".join(self.w.sentence() for _ in range(rng.choice([1, 1, 2])))
        self.author_name = _name(rng)
        self.published = _random_published(rng)
        self.outlet = rng.choice(OUTLETS)
        self.section = rng.choice(SECTIONS)
        n = n_paras or _n_paras(rng)
        self.paragraphs = [self.w.paragraph(para_lo, para_hi) for _ in range(n)]
        self.page = _Page(rng)
        self.truth: dict[str, object] = {
            "title": self.title,
            "standfirst": None,
            "author": None,
            "published": None,
            "dateline": None,
            "agency": None,
            "section": None,
            "outlet": self.outlet,
        }

    # -----------------------------------------------------------------------------
    def other(self) -> _Writer:
        return _other_writer(self.rng, self.quote_form)

    def headlines(self, n: int) -> list[str]:
        return [self.other().headline() for _ in range(n)]

    def teaser_sentence(self) -> str:
        """A well-formed sentence from another story (the hard kind of teaser)."""
        w = self.other()
        return " ".join(w.sentence() for _ in range(self.rng.choice([1, 1, 2])))

    def date_str(self, style: str | None = None) -> str:
        return fmt_date(self.published, style or self.rng.choice(DATE_STYLES), self.rng)

    def capture_day(self) -> date:
        return self.published + timedelta(days=self.rng.randint(1, 300))

    def widget(self) -> str:
        d = self.capture_day()
        c = self.rng.randrange(5)
        if c == 0:
            return fmt_date(d, "wd_dmy", self.rng).replace(" ", ", ", 1)
        if c == 1:
            return fmt_date(d, "wd_mdy", self.rng)
        if c == 2:
            day = f"{WEEKDAYS[d.weekday()][:3]}, {MON3[d.month - 1]} {d.day}, {d.year}"
            return f"{day} | Updated {_time12(self.rng)} IST"
        if c == 3:
            return f"Today's paper: {d.day:02d} {MONTHS[d.month - 1]} {d.year}"
        return f"{fmt_date(d, 'wd_mdy', self.rng)}   {self.w.capital} {self.rng.randint(-3, 31)}°C"

    def header(self, explicit_date: bool) -> str | None:
        """The capture tool's " date YYYY-MM-DD " prefix on the first line, sometimes."""
        if self.rng.random() < 0.35:
            if explicit_date and self.rng.random() < 0.3:
                d = self.capture_day()
            else:
                d = self.published
                if not explicit_date:
                    self.truth["published"] = d
            return f" date {d.isoformat()} "
        return None

    def menu_bullets(self, n: int, nested: bool = True, base: str = "  ") -> list[str]:
        words = self.rng.sample(NAV_WORDS, n)
        out = []
        for i, wd in enumerate(words):
            deep = nested and i > n // 2 and self.rng.random() < 0.6
            out.append(f"{base}{'  ' if deep else ''}• {wd}")
        return out

    def menu_pipes(self, n: int) -> str:
        return " | ".join(self.rng.sample(NAV_WORDS, n))

    def menu_runon(self, n: int) -> str:
        return "".join(self.rng.sample(NAV_WORDS, n))

    # -----------------------------------------------------------------------------
    def body(
        self,
        *,
        dateline_prefix: str = "",
        inserts: list[Callable[[], None]] = (),
        social: float = 0.08,
        numbered: float = 0.06,
        subheads: float = 0.1,
        drop_cap: float = 0.06,
        nbsp: float = 0.15,
    ) -> None:
        """Emit the body paragraphs, with mid-body inserts and occasional embeds."""
        rng = self.rng
        paras = list(self.paragraphs)
        if nbsp and rng.random() < nbsp:
            paras = [self._nbspify(p) for p in paras]
        if dateline_prefix:
            paras[0] = dateline_prefix + paras[0]
        n = len(paras)
        slots: dict[int, list[Callable[[], None]]] = {}
        for fn in inserts:
            if n >= 3:
                slots.setdefault(rng.randint(1, n - 2), []).append(fn)
        social_at = rng.randint(1, n - 1) if rng.random() < social and n > 2 else -1
        list_at = rng.randint(1, n - 1) if rng.random() < numbered and n > 2 else -1
        sub_every = rng.randint(3, 5) if rng.random() < subheads and n > 5 else 0
        for i, p in enumerate(paras):
            if i in slots:
                for fn in slots[i]:
                    fn()
            if sub_every and i and i % sub_every == 0:
                self.page.neutral(rng.choice(SUBHEADS))
            if i == social_at:
                self._social_post()
            if i == list_at:
                self._numbered_list()
            self.page.para(p)
        if rng.random() < drop_cap:
            _split_drop_cap(self.page, rng)

    def _nbspify(self, p: str) -> str:
        """Non-breaking spaces where the page had &nbsp; (sometimes next to a space)."""
        parts = p.split(" ")
        seps = [" "] * (len(parts) - 1)
        for _ in range(self.rng.randint(1, 3)):
            if seps:
                seps[self.rng.randrange(len(seps))] = self.rng.choice(["\xa0", "\xa0", "\xa0 "])
        return "".join(a + b for a, b in zip(parts, [*seps, ""], strict=True))

    def _social_post(self) -> None:
        rng, w = self.rng, self.w
        name, _role = rng.choice(w.cast)
        handle = _handle(name)
        d = self.published - timedelta(days=rng.randint(0, 2))
        dash = rng.choice(["—", "–", "-"])
        lines = [
            f"Good meeting today with @{_handle(_name(rng))} on {w.issue()}. "
            f"{rng.choice(POST_ENDINGS)}",
        ]
        if rng.random() < 0.6:
            lines.append(
                f"{rng.choice(w.topic.quotes)}. #{w.country.replace(' ', '')} #{w.topic.name}"
            )
        lines.append(f"{dash} {name} (@{handle}) {MONTHS[d.month - 1]} {d.day}, {d.year}")
        if rng.random() < 0.5:
            for ln in lines:
                self.page.para(ln)
        else:
            self.page.body_lines(*lines)

    def _numbered_list(self) -> None:
        rng, w = self.rng, self.w
        k = rng.randint(2, 4)
        self.page.para(
            f"The {rng.choice(['plan', 'draft', 'agreement'])}, according to a "
            f"copy seen by reporters, sets out {['two', 'three', 'four'][k - 2]} "
            f"priorities:"
        )
        acts = rng.sample(w.topic.actions, min(k, len(w.topic.actions)))
        items = [f"{i + 1}. {_cap(a)} {rng.choice(DEADLINES)}." for i, a in enumerate(acts)]
        if rng.random() < 0.5:
            self.page.body_lines(*items)
        else:
            for it in items:
                self.page.para(it)

    # inserts --------------------------------------------------------------------
    def ins_ad(self) -> None:
        self.page.boiler("insert", self.rng.choice(INSERT_LINES))

    def ins_read_more(self) -> None:
        h = self.other().headline()
        fmt = self.rng.choice(
            [
                "Also Read: {}",
                "READ MORE: {}",
                "Read more: {}",
                "RELATED: {}",
                "(Also read: {})",
                "SEE ALSO: {}",
                "Also Read | {}",
                "Watch: {}",
                "MORE: {}",
            ]
        )
        self.page.boiler("insert", fmt.format(h))

    def ins_also_read_block(self, foreign: bool = True) -> None:
        items: list[tuple[str, str]] = [
            ("insert", self.rng.choice(["Also Read", "ALSO READ", "Read also", "Related"]))
        ]
        for _ in range(self.rng.randint(2, 4)):
            w = self.other()
            if self.rng.random() < 0.6:
                items.append(("alt_text", alt_text(self.rng, w)))
            items.append(("teaser", w.headline()))
            if foreign and self.rng.random() < 0.25:
                items.append(("teaser_paragraph", w.paragraph(30, 60)))
        self.page.boiler_block(items)

    def ins_newsletter(self) -> None:
        self.page.boiler(
            "newsletter", *self.rng.sample(NEWSLETTER_LINES[:3] + NEWSLETTER_LINES[7:9], 2)
        )

    # blocks after the body --------------------------------------------------------
    def related(self, style: str | None = None, heading: str | None = None) -> None:
        rng = self.rng
        style = style or rng.choice(
            ["headlines", "dated", "deks", "full", "numbered", "pairs", "alt"]
        )
        heading = heading or rng.choice(
            [
                "Related Posts",
                "Related Stories",
                "More in this section",
                "You may also like",
                "Read Next",
                "Most Read",
                "Trending",
                "Editor's Picks",
                "More on this story",
                "Top Stories",
                "Don't Miss",
                "Popular Now",
                "In Other News",
                "Recommended",
                "LATEST NEWS",
                f"More from {self.section}",
            ]
        )
        items: list[tuple[str, str]] = [("teaser_heading", heading)]
        n = rng.randint(3, 6)
        for i in range(n):
            w = self.other()
            h = w.headline()
            d = self.published + timedelta(days=rng.randint(-20, 200))
            if style == "headlines":
                items.append(("teaser", h))
            elif style == "dated":
                items += [
                    ("teaser", h),
                    ("teaser_date", fmt_date(d, rng.choice(["dmy", "mdy", "mdy3"]), rng)),
                ]
            elif style == "deks":
                items += [("teaser", h), ("teaser_sentence", w.sentence())]
            elif style == "full":
                if rng.random() < 0.5:
                    items.append(("caption", caption(rng, w, d, h)))
                items.append(("teaser_section", rng.choice(SECTIONS)))
                items.append(("teaser", h))
                items.append(("teaser_date", fmt_date(d, "dmy", rng)))
                if rng.random() < 0.5:
                    nm = _name(rng)
                    items.append(("teaser_byline", f"by {nm} @{_handle(nm)}"))
                items.append(("teaser_truncated", _truncate(w.paragraph(25, 40), rng)))
            elif style == "numbered":
                items += [("teaser", f"  {i + 1}. {h}"), ("teaser", f"    {h}")]
            elif style == "pairs":
                items += [("teaser", h), ("teaser", h)]
            else:
                items += [("alt_text", alt_text(rng, w)), ("teaser", h)]
        if style in ("full", "deks", "alt"):
            # one block per item, as these pages render them
            self.page.boiler_block(items[:1])
            cur: list[tuple[str, str]] = []
            for k, t in items[1:]:
                cur.append((k, t))
                if k in ("teaser_truncated", "teaser_sentence") or (
                    style == "alt" and k == "teaser"
                ):
                    self.page.boiler_block(cur)
                    cur = []
            if cur:
                self.page.boiler_block(cur)
        else:
            self.page.boiler_block(items)

    def section_teasers(self) -> None:
        """ "WORLD Headline" / headline / full-sentence standfirst: the hardest teasers."""
        for label in self.rng.sample(
            ["WORLD", "ECONOMY", "SPORTS", "TÜRKİYE", "OPINION", "LOCAL", "CULTURE", "BUSINESS"],
            self.rng.randint(2, 3),
        ):
            w = self.other()
            h = w.headline()
            self.page.boiler("teaser", f"{label} {h}")
            self.page.boiler("teaser", h)
            self.page.boiler("teaser_sentence", w.paragraph(20, 40))

    def footer_links(self, bullets: bool = True) -> None:
        links = self.rng.sample(FOOTER_LINKS, self.rng.randint(4, 9))
        if bullets:
            self.page.boiler("footer", *[f"  • {x}" for x in links], indent="")
        else:
            self.page.boiler("footer", *links)

    # -----------------------------------------------------------------------------
    def finish(
        self, *, blank: str = "block", indent: str = "", header: str | None = None
    ) -> GeneratedPage:
        crlf = self.rng.random() < 0.03
        text, body, boiler, kinds, neutral = self.page.render(
            blank=blank, indent=indent, crlf=crlf, header=header
        )
        t = self.truth
        return GeneratedPage(
            text=text,
            title=t["title"],
            standfirst=t["standfirst"],
            author=t["author"],
            published=t["published"],
            dateline=t["dateline"],
            agency=t["agency"],
            outlet=t["outlet"],
            section=t["section"],
            body_paragraphs=body,
            boilerplate_lines=boiler,
            template=self.template,
            boilerplate_kinds=kinds,
            neutral_lines=neutral,
        )


# --------------------------------------------------------------------------------------------
# Templates: one function per outlet style


def _first_sentence(p: str) -> str:
    for sep in (". ", "? ", "! "):
        i = p.find(sep)
        if i > 30:
            return p[: i + 1]
    return p


def _dash_dateline(city: str, rng: random.Random) -> tuple[str, str]:
    shown = city.upper() if rng.random() < 0.5 else city
    return f"{shown} {rng.choice(['–', '—', '-'])} ", shown


def _t_eu_portal(rng: random.Random) -> GeneratedPage:
    """A European portal: nested bullet menus, » breadcrumb, HTML residue in the byline."""
    c = _Ctx(rng, "eu_portal")
    p, w, t = c.page, c.w, c.truth
    lang = rng.sample(
        [
            "  • IT Italiano",
            "  • EN English",
            "  • FR Français",
            "  • DE Deutsch",
            "  • ES Español",
        ],
        2,
    )
    p.boiler(
        "masthead",
        f"- {rng.choice(TAGLINES)} -",
    )
    p.boiler_block(
        [("date_widget", c.widget()), ("menu", "No results found"), ("menu", "See all results")]
        + [("menu", x) for x in lang]
        + [("masthead", c.outlet)]
        + [("menu", x) for x in c.menu_bullets(16)],
        indent="",
    )
    if rng.random() < 0.7:
        p.boiler_block(
            [("masthead", "  " + c.outlet)]
            + [("menu", "  " + x) for x in c.menu_bullets(14)]
            + [("menu", "    No results found"), ("menu", "    See all results")],
            indent="",
        )
    sep = rng.choice(["»", "›", ">"])
    p.boiler("breadcrumb", f"Home {sep} {c.section} {sep} {c.title}")
    p.boiler("title", c.title)
    p.boiler("standfirst", c.standfirst_text)
    t["standfirst"] = c.standfirst_text
    name = c.author_name
    h = _handle(name)
    byl = rng.choice(
        [
            f'{name}</a> <a class="author-social" href="https://x.com/{h}" target="_blank">'
            f"@{h}</a> by {name} @{h}",
            f'by <a href="/author/{_slug(name)}/">{name}</a>',
            f'{name}</span> <span class="role">correspondent</span>',
            f"by {name} @{h}",
        ]
    )
    t["author"] = name
    t["section"] = c.section
    p.boiler_block(
        [
            ("byline", byl),
            ("date", c.date_str(rng.choice(["dmy", "mdy", "dmy3"]))),
            ("section", f"in {c.section}" if rng.random() < 0.6 else f"Section: {c.section}"),
            ("tags", tag_line(rng, w).lower()),
        ]
    )
    t["published"] = c.published
    if rng.random() < 0.8:
        p.boiler("caption", caption(rng, w, c.published, c.title))
    pre, shown = _dash_dateline(w.city, rng)
    t["dateline"] = shown
    c.body(dateline_prefix=pre, social=0.25)
    if rng.random() < 0.4:
        p.neutral(
            f"English version by the {rng.choice(['translation desk', 'editors'])} of {c.outlet}"
        )
    p.boiler("tags", tag_line(rng, w))
    c.related("full", rng.choice(["Related Posts", "Related articles", "Read also"]))
    c.footer_links()
    p.boiler("legal", *legal_lines(rng, c.outlet))
    p.boiler("copyright", copyright_line(rng, c.outlet, c.capture_day().year))
    p.boiler("menu", *c.menu_bullets(18), indent="")
    return c.finish(
        indent="    " if rng.random() < 0.6 else "", blank=rng.choice(["block", "block", "every"])
    )


def _t_daily_tr(rng: random.Random) -> GeneratedPage:
    """A daily whose capture starts with the header; title thrice; dateline on its own line."""
    c = _Ctx(rng, "daily_tr")
    p, w, t = c.page, c.w, c.truth
    header = None
    if rng.random() < 0.85:
        header = f" date {c.published.isoformat()} "
        t["published"] = c.published
    p.boiler("title", c.title)
    p.boiler("title", c.title)
    city = w.city.upper()
    p.boiler_block([("dateline", city), ("title", c.title)])
    t["dateline"] = city
    c.body(nbsp=0.5, social=0.05)
    p.boiler("tag_residue", f"{rng.choice([w.country2, 'EU', 'UN', w.topic.name.upper()])} ,")
    h1 = c.other().headline()
    p.boiler("template_residue", f"{rng.choice(TEMPLATE_RESIDUE[:6])} {h1}")
    p.boiler_block(
        [
            ("teaser", h1),
            ("teaser_heading", rng.choice(["LATEST NEWS", "MOST READ", "TOP STORIES"])),
        ]
    )
    hs = c.headlines(5)
    for i, h in enumerate(hs):
        p.boiler("teaser", f"  {i + 1}. {h}", indent="")
        p.boiler("teaser", f"    {h}", indent="")
    p.boiler_block(
        [("teaser_heading", rng.choice(["Recommended", "Editor's choice"]))]
        + [("teaser", hs[1]), ("teaser", hs[1])]
    )
    for h in c.headlines(rng.randint(2, 5)):
        p.boiler_block([("teaser", h), ("teaser", h)])
    c.section_teasers()
    return c.finish(header=header, blank=rng.choice(["block", "block", "none"]))


def _t_business_desk(rng: random.Random) -> GeneratedPage:
    """An Indian business daily: / breadcrumb, caption repeating the body, Also Read blocks."""
    c = _Ctx(rng, "business_desk", n_paras=rng.randint(6, 18))
    p, w, t = c.page, c.w, c.truth
    ist = fmt_date(c.published, "ist", rng)
    header = None
    if rng.random() < 0.6:
        header = f" date {c.published.isoformat()} "
        p.boiler("date_widget", f"{fmt_date(c.published, 'wd_mdy', rng)} | {_time12(rng)} IST")
    p.boiler_block(
        [
            ("masthead", c.outlet),
            ("icon_residue", rng.choice(["Notification Icon", "Bell IconAlerts"])),
            (
                "icon_residue",
                rng.choice(["userprofile IconSearch", "Account IconMenu", "search IconLogin"]),
            ),
        ]
    )
    p.boiler("breadcrumb", f"Home / {c.section} / {c.title}")
    t["section"] = c.section
    p.boiler("title", c.title)
    sf = c.standfirst_text.rstrip(".") if rng.random() < 0.5 else c.standfirst_text
    p.boiler("standfirst", sf)
    t["standfirst"] = sf
    p.boiler("alt_text", alt_text(rng, w))
    if len(c.paragraphs) > 3:
        p.boiler(
            "caption",
            _first_sentence(c.paragraphs[rng.randint(2, len(c.paragraphs) - 1)]).rstrip("."),
        )
    wire = rng.random() < 0.6
    if wire:
        ag = rng.choice(["AP", "Reuters", "PTI", "AFP", "ANI"])
        p.boiler("agency_line", f"{ag} {w.city}")
        t["agency"], t["dateline"] = ag, w.city
    else:
        p.boiler("byline", c.author_name)
        t["author"] = c.author_name
    p.boiler_block([("date", f"{rng.randint(2, 7)} min read Last Updated : {ist}")])
    p.boiler(
        "read_time",
        rng.choice(["Listen to this story", "Audio version of this article", "Listen · 3:40 min"]),
    )
    t["published"] = c.published
    ins = [c.ins_also_read_block] + ([c.ins_ad] if rng.random() < 0.3 else [])
    c.body(inserts=ins, subheads=0.4)
    if wire:
        p.boiler("syndication", syndication_note(rng, c.outlet))
    c.related(
        "alt", rng.choice(["More In This Section", f"More from {c.section}", "Read more on this"])
    )
    p.boiler("tags", f"Topics : {' '.join([w.country, w.country2, w.city])}")
    p.boiler("app", rng.choice(APP_LINES))
    p.boiler("date", f"First Published: {ist}")
    p.boiler_block([("menu", "Explore News"), ("menu", c.menu_runon(8))])
    p.boiler_block(
        [
            ("menu", "HOT STOCKS"),
            ("menu", "TOP SECTIONS"),
            ("menu", "KEY EVENTS"),
            ("copyright", copyright_line(rng, c.outlet, c.published.year)),
            ("icon_residue", "LinkedIN Icon"),
        ]
    )
    return c.finish(header=header)


def _t_econ_brief(rng: random.Random) -> GeneratedPage:
    """A finance-news site: pipe section, title-case headline, no date, newsletter footer."""
    c = _Ctx(rng, "econ_brief", n_paras=rng.randint(3, 8), title_case=True)
    p, w, t = c.page, c.w, c.truth
    pipe = f"\xa0\xa0|\xa0\xa0 {c.section}"
    p.boiler("menu", "Menu")
    p.boiler("menu", "Search")
    p.boiler("section", pipe)
    if rng.random() < 0.7:
        p.boiler("menu", "Menu")
        p.boiler("section", pipe)
        p.boiler("menu", "Search")
    t["section"] = c.section
    p.boiler("title", c.title)
    ph = _name(rng)
    p.boiler(
        "caption",
        f"{c.title}. Source: {rng.choice([ph, 'Government of ' + w.country])}, "
        f"{rng.choice(['CC0', 'CC BY 2.0', 'CC BY-SA 4.0'])}, via Wikimedia Commons",
    )
    c.body(social=0.0, numbered=0.0, subheads=0.0)
    if rng.random() < 0.4:
        c.related("dated", "Recent News")
    p.boiler_block([("menu", "  • Market Watch"), ("menu", "Close")], indent="")
    p.boiler("newsletter", f"Welcome to {c.outlet}")
    p.boiler_block(
        [
            ("newsletter", "Sign up for daily updates on the stories shaping markets"),
            ("newsletter", "and policy around the world."),
        ]
    )
    return c.finish()


def _t_wire_global(rng: random.Random) -> GeneratedPage:
    """A wire-agency story on a partner site: (Reuters) dateline, credits, author bio."""
    c = _Ctx(rng, "wire_global")
    p, w, t = c.page, c.w, c.truth
    p.boiler_block(
        [
            ("menu", "Skip to main content"),
            (
                "masthead",
                rng.choice(
                    [
                        "Trusted news for professionals",
                        "Markets, policy and the world, in real time",
                    ]
                ),
            ),
        ]
    )
    p.boiler("menu", c.menu_pipes(rng.randint(6, 10)))
    kicker = rng.choice(["Europe", "World", "Business", "Energy", "Markets", "Asia Pacific"])
    p.boiler("section", kicker)
    t["section"] = kicker
    p.boiler("title", c.title)
    a2 = _name(rng) if rng.random() < 0.4 else None
    t["author"] = c.author_name if not a2 else f"{c.author_name} and {a2}"
    p.boiler_block([("byline", f"By {t['author']}"), ("read_time", rng.choice(READ_TIME))])
    upd = rng.choice(["", " Updated 2 hours ago", " Updated 5 mins ago", " Updated a day ago"])
    p.boiler("date", fmt_date(c.published, "mdy_time", rng) + upd)
    t["published"] = c.published
    if rng.random() < 0.8:
        p.boiler_block(
            [
                ("caption", "FILE PHOTO: " + caption(rng, w, c.published, c.title)),
                ("caption", "Purchase Licensing Rights, opens new tab"),
            ]
        )
    city = w.city.upper()
    if rng.random() < 0.5:
        pre = f"{city}, {MON3[c.published.month - 1]} {c.published.day} (Reuters) - "
    else:
        pre = f"{city} (Reuters) - "
    t["dateline"], t["agency"] = city, "Reuters"
    c.body(dateline_prefix=pre, inserts=[c.ins_ad] * rng.randint(0, 2), subheads=0.0)
    r1, r2, r3 = _name(rng), _name(rng), _name(rng)
    p.boiler(
        "credits", f"Reporting by {r1} in {w.city}; Additional reporting by {r2}; Editing by {r3}"
    )
    p.boiler("legal", "Our Standards: The Trust Principles., opens new tab")
    p.boiler_block(
        [("tags", "Suggested Topics:")] + [("tags", x) for x in rng.sample(NAV_WORDS, 3)]
    )
    if rng.random() < 0.7:
        her = rng.choice(["She", "He"])
        p.boiler(
            "author_bio",
            f"{c.author_name} covers {w.topic.name} and politics from {w.capital}. "
            f"{her} previously reported on {w.issue()} for {rng.choice(OUTLETS)} and holds "
            "a degree "
            f"in economics from the University of {rng.choice(['Lisbon', 'Leeds', 'Bonn'])}.",
        )
    p.boiler_block([("social", x) for x in rng.sample(SOCIAL_LINES, 4)])
    c.related("deks", "Read Next")
    p.boiler("copyright", f"© {c.published.year} Reuters. All rights reserved")
    return c.finish()


def _t_us_regional_ap(rng: random.Random) -> GeneratedPage:
    """A US regional paper running AP copy: uppercase byline, (AP) — dateline, AP notice."""
    c = _Ctx(rng, "us_regional_ap", quote_form="straight")
    p, w, t = c.page, c.w, c.truth
    p.boiler_block(
        [
            ("masthead", c.outlet),
            (
                "date_widget",
                f"{rng.choice(['Partly cloudy', 'Rain', 'Clear'])} {rng.randint(20, 95)}°F",
            ),
            ("menu", "Subscribe"),
            ("menu", "Log In"),
            ("menu", "e-Edition"),
        ]
    )
    if rng.random() < 0.5:
        p.boiler("date_widget", c.widget())
    p.boiler("menu", *rng.sample(NAV_WORDS, rng.randint(5, 9)))
    p.boiler("title", c.title)
    name = c.author_name
    p.boiler(
        "byline",
        rng.choice(
            [
                f"By {name.upper()} Associated Press",
                f"By {name.upper()}",
                f"By {name}, The Associated Press",
            ]
        ),
    )
    t["author"], t["agency"] = name, "AP"
    when = fmt_date(c.published, "ap_time", rng)
    p.boiler(
        "date",
        rng.choice(
            [f"Published {when}", when, f"Published {when} | Updated {rng.randint(1, 9)} hours ago"]
        ),
    )
    t["published"] = c.published
    if rng.random() < 0.7:
        p.boiler("caption", caption(rng, w, c.published, c.title))
    city = w.city.upper()
    pre = f"{city}, {w.country} (AP) — " if rng.random() < 0.4 else f"{city} (AP) — "
    t["dateline"] = city
    c.body(
        dateline_prefix=pre, inserts=[c.ins_ad, c.ins_read_more][: rng.randint(0, 2)], subheads=0.0
    )
    if rng.random() < 0.5:
        p.boiler("separator", "___")
        p.neutral(
            f"Associated Press writer {_name(rng)} in {rng.choice(MEETING_CITIES)} contributed "
            "to this report."
        )
    p.boiler(
        "copyright",
        f"Copyright {c.published.year} The Associated Press. All rights reserved. "
        "This material may not be published, broadcast, rewritten or redistributed "
        "without permission.",
    )
    p.boiler("tags", tag_line(rng, w))
    c.related("numbered", "Most Popular")
    c.footer_links(bullets=False)
    p.boiler("copyright", copyright_line(rng, c.outlet, c.published.year))
    return c.finish()


def _t_india_wire(rng: random.Random) -> GeneratedPage:
    """An Indian portal running PTI/ANI/IANS copy; an "Edited By" line that is not the author."""
    c = _Ctx(rng, "india_wire")
    p, w, t = c.page, c.w, c.truth
    p.boiler_block([("masthead", c.outlet), ("menu", c.menu_runon(rng.randint(5, 9)))])
    p.boiler("breadcrumb", f"Home > {c.section}")
    t["section"] = c.section
    p.boiler("title", c.title)
    if rng.random() < 0.5:
        p.boiler("standfirst", c.standfirst_text)
        t["standfirst"] = c.standfirst_text
    ag = rng.choice(["PTI", "ANI", "IANS"])
    d = c.published
    if rng.random() < 0.35:
        p.boiler("editor", f"Edited By: {_name(rng)}")
    # "Updated" never stands alone: an update time is not the publication date.
    later = d + timedelta(days=rng.randint(0, 2))
    p.boiler(
        "date",
        rng.choice(
            [
                f"Published: {fmt_date(d, 'mdy3', rng)}, {_time24(rng)} IST",
                fmt_date(d, "ist", rng),
                f"Published on: {fmt_date(d, 'dmy3', rng)}",
                f"Published: {fmt_date(d, 'mdy3', rng)}, {_time24(rng)} IST | Updated: "
                f"{fmt_date(later, 'mdy3', rng)}, {_time24(rng)} IST",
            ]
        ),
    )
    t["published"] = d
    city = w.city
    if ag == "PTI":
        pre = f"{city}, {MON3[d.month - 1]} {d.day} (PTI) "
    elif ag == "ANI":
        pre = f"{city} [{w.country}], {MONTHS[d.month - 1]} {d.day} (ANI): "
    else:
        pre = f"{city}, {MON3[d.month - 1]} {d.day} (IANS) "
    t["agency"], t["dateline"] = ag, city
    c.body(
        dateline_prefix=pre,
        inserts=[c.ins_read_more, c.ins_read_more, c.ins_ad][: rng.randint(1, 3)],
    )
    p.boiler("syndication", syndication_note(rng, c.outlet))
    p.boiler_block([("app", x) for x in rng.sample(APP_LINES, 2)])
    p.boiler("app", f"Catch all the latest world news and updates on {c.outlet}.")
    c.related()
    p.boiler("copyright", copyright_line(rng, c.outlet, d.year))
    return c.finish()


def _t_tabloid_uk(rng: random.Random) -> GeneratedPage:
    """A tabloid: short paragraphs, READ MORE inserts, Published/Updated line, cookie banner."""
    c = _Ctx(rng, "tabloid_uk", para_lo=20, para_hi=48, n_paras=rng.randint(6, 22))
    p, t = c.page, c.truth
    p.boiler_block(
        [("menu", "Skip to content"), ("menu", "Sign in")]
        + [("menu", x) for x in rng.sample(NAV_WORDS, rng.randint(6, 12))]
    )
    p.boiler("kicker", rng.choice(["EXCLUSIVE", "WORLD NEWS", "POLITICS", "BREAKING"]))
    p.boiler("title", c.title)
    p.boiler("standfirst", c.standfirst_text)
    t["standfirst"] = c.standfirst_text
    role = rng.choice(
        ["Political Editor", "Foreign Correspondent", "News Reporter", "Senior Reporter"]
    )
    p.boiler(
        "byline",
        rng.choice([f"By {c.author_name}, {role}", f"{c.author_name} {role}", f"{c.author_name}"]),
    )
    t["author"] = c.author_name
    later = c.published + timedelta(days=rng.randint(0, 2))
    d1 = f"{_time24(rng)}, {c.published.day} {MON3[c.published.month - 1]} {c.published.year}"
    d2 = f"{_time24(rng)}, {later.day} {MON3[later.month - 1]} {later.year}"
    p.boiler(
        "date", f"Published: {d1} | Updated: {d2}" if rng.random() < 0.6 else f"Published: {d1}"
    )
    t["published"] = c.published
    p.boiler("social", f"Comments ({rng.randint(0, 400)})")
    p.boiler(
        "caption",
        f"{c.w.cast[0][0]} said the plan was {rng.choice(SCARE_QUOTES)} "
        f"{rng.choice(['(Image: Getty)', '(Image: PA)', '(Image: REUTERS)'])}",
    )
    c.body(
        inserts=[c.ins_read_more, c.ins_read_more, c.ins_ad, c.ins_ad][: rng.randint(1, 4)],
        nbsp=0.0,
    )
    p.boiler("insert", "Story continues below")
    c.ins_newsletter()
    p.boiler(
        "newsletter",
        "We use your sign-up to provide content in ways you've consented to "
        "and to improve our understanding of you.",
    )
    c.related("numbered", "Most Read")
    p.boiler_block([("cookie", x) for x in rng.sample(COOKIE_LINES, 3)])
    p.boiler("copyright", copyright_line(rng, c.outlet, later.year))
    return c.finish(blank=rng.choice(["block", "none"]))


def _t_longread(rng: random.Random) -> GeneratedPage:
    """A magazine long read: subheadings, pull quotes, author bio and a donation pitch."""
    c = _Ctx(rng, "longread", n_paras=rng.randint(10, 25))
    p, w, t = c.page, c.w, c.truth
    p.boiler_block([("menu", "Menu"), ("masthead", c.outlet), ("menu", "Subscribe")])
    kicker = c.section
    p.boiler("section", kicker)
    t["section"] = kicker
    p.boiler("kicker", rng.choice(["Analysis", "Long read", "Essay", "The big story", "Explainer"]))
    p.boiler("title", c.title)
    sf = " ".join(c.w.sentence() for _ in range(2))
    p.boiler("standfirst", sf)
    t["standfirst"] = sf
    p.boiler_block(
        [
            ("byline", f"Written by {c.author_name}"),
            ("credit", f"Illustration by {_name(rng)} for {c.outlet}"),
            ("date", c.date_str(rng.choice(["mdy", "dmy", "wd_dmy"]))),
            ("read_time", f"{rng.randint(9, 25)} min read"),
        ]
    )
    t["author"], t["published"] = c.author_name, c.published
    pq = _first_sentence(rng.choice(c.paragraphs[1:]))

    def pull() -> None:
        p.boiler("pull_quote", pq)

    c.body(inserts=[pull, c.ins_newsletter], subheads=0.7, social=0.0)
    her = rng.choice(["Her", "His"])
    p.boiler(
        "author_bio",
        f"{c.author_name} is a journalist based in {rng.choice(MEETING_CITIES)}. "
        f"{her} reporting on {w.issue()} has appeared in {rng.choice(OUTLETS)} and "
        f"{rng.choice(OUTLETS)}.",
    )
    p.boiler(
        "donation",
        "Independent journalism like this takes time and money. If you value our "
        "reporting, please consider supporting us with a monthly contribution; it takes less "
        "than a minute.",
    )
    c.related("deks", f"More from {kicker}")
    c.footer_links(bullets=False)
    p.boiler("copyright", copyright_line(rng, c.outlet, c.published.year))
    return c.finish()


def _t_broadcaster(rng: random.Random) -> GeneratedPage:
    """A public broadcaster: "Image source," / "Image caption," lines, related topics."""
    c = _Ctx(rng, "broadcaster", para_lo=20, para_hi=70)
    p, t = c.page, c.truth
    p.boiler("menu", "Skip to content")
    p.boiler(
        "menu",
        " ".join(
            rng.sample(
                [
                    "Home",
                    "News",
                    "Sport",
                    "Weather",
                    "Sounds",
                    "Earth",
                    "Worklife",
                    "Travel",
                    "Culture",
                    "Future",
                ],
                7,
            )
        ),
    )
    p.boiler("title", c.title)
    has_date = rng.random() < 0.85
    if has_date:
        p.boiler("date", rng.choice(["Published ", ""]) + c.date_str(rng.choice(["dmy", "dmy3"])))
        t["published"] = c.published
    else:
        p.boiler("date", rng.choice(["2 hours ago", "14 minutes ago", "Yesterday"]))
    p.boiler_block([("social", "Share"), ("social", "Save")])
    if rng.random() < 0.8:
        p.boiler_block(
            [
                ("byline", c.author_name),
                (
                    "byline",
                    rng.choice(
                        [
                            "Europe correspondent",
                            "Diplomatic editor",
                            "BBC-style News",
                            "Business reporter",
                            "Economics editor",
                        ]
                    ),
                ),
            ]
        )
        t["author"] = c.author_name
    p.boiler_block(
        [
            (
                "caption",
                f"Image source, {rng.choice(IMAGE_SOURCES)}",
            ),
            ("caption", "Image caption, " + _first_sentence(c.other().paragraph(20, 30))),
        ]
    )
    ins = [
        lambda: p.boiler("video", f"Watch: {c.other().headline()}"),
        lambda: p.boiler("video", f"Media caption, {c.other().sentence()}"),
    ]
    c.body(inserts=ins[: rng.randint(0, 2)], subheads=0.5)
    p.boiler_block([("tags", "Related topics")] + [("tags", x) for x in rng.sample(NAV_WORDS, 3)])
    c.related("headlines", "More on this story")
    c.related("headlines", "Top stories")
    p.boiler(
        "legal",
        f"{c.outlet} is not responsible for the content of external sites. Read "
        "about our approach to external linking.",
    )
    p.boiler("copyright", copyright_line(rng, c.outlet, c.published.year))
    return c.finish()


def _t_wordpress(rng: random.Random) -> GeneratedPage:
    """A WordPress news blog: Posted on ... by, categories, comment form, previous/next."""
    c = _Ctx(rng, "wordpress")
    p, t = c.page, c.truth
    p.boiler_block(
        [
            ("menu", "Skip to content"),
            ("masthead", c.outlet),
            (
                "masthead",
                rng.choice(
                    [
                        "Independent news and analysis",
                        "Your window on the world",
                        "News that matters",
                    ]
                ),
            ),
            ("menu", "Menu"),
            ("menu", "Search for:"),
        ]
    )
    p.boiler("title", c.title)
    d = c.date_str(rng.choice(["mdy", "dmy", "iso"]))
    p.boiler(
        "byline",
        rng.choice(
            [
                f"Posted on {d} by {c.author_name}",
                f"{d} by {c.author_name}",
                f"By {c.author_name} on {d}",
            ]
        ),
    )
    t["author"], t["published"] = c.author_name, c.published
    p.boiler("section", f"Categories: {c.section}")
    t["section"] = c.section
    p.boiler("social", "Leave a comment")
    c.body()
    p.boiler_block(
        [("social", "Share this:")]
        + [("social", x) for x in rng.sample(SOCIAL_LINES, 3)]
        + [("social", "Like this:"), ("social", "Like Loading...")]
    )
    rel: list[tuple[str, str]] = [("teaser_heading", "Related")]
    for _ in range(3):
        rel += [
            ("teaser", c.other().headline()),
            ("teaser_date", fmt_date(c.published - timedelta(days=rng.randint(1, 90)), "mdy", rng)),
            ("teaser_section", f'In "{rng.choice(SECTIONS)}"'),
        ]
    p.boiler_block(rel)
    h1, h2 = c.headlines(2)
    p.boiler_block(
        [("nav", "Previous Post"), ("nav", f"← {h1}"), ("nav", "Next Post"), ("nav", f"{h2} →")]
    )
    p.boiler_block(
        [
            ("comments", x)
            for x in [
                "Leave a Reply Cancel reply",
                "Your email address will not be published. Required fields are marked *",
                "Comment *",
                "Name *",
                "Email *",
                "Website",
                "Save my name, email, and website in this browser for the next time I comment.",
                "Post Comment",
            ]
        ]
    )
    p.boiler("copyright", copyright_line(rng, c.outlet, c.published.year))
    return c.finish()


def _t_euro_agency(rng: random.Random) -> GeneratedPage:
    """A European agency's English service: dotted dates, (dpa)/(ANSA)/(EFE) datelines."""
    c = _Ctx(rng, "euro_agency")
    p, w, t = c.page, c.w, c.truth
    p.boiler_block([("masthead", c.outlet), ("menu", c.menu_pipes(rng.randint(5, 8)))])
    d = c.published
    p.boiler("date", f"{fmt_date(d, 'dot', rng)} - {_time24(rng)}")
    t["published"] = d
    p.boiler("title", c.title)
    if rng.random() < 0.6:
        p.boiler("standfirst", c.standfirst_text)
        t["standfirst"] = c.standfirst_text
    ag = rng.choice(["dpa", "ANSA", "EFE"])
    city = w.city
    if ag == "dpa":
        pre, dl = f"{city} (dpa) - ", city
    elif ag == "ANSA":
        pre, dl = f"(ANSA) - {city.upper()}, {MON3[d.month - 1].upper()} {d.day} - ", city.upper()
    else:
        pre, dl = f"{city}, {MON3[d.month - 1]} {d.day} (EFE).- ", city
    t["agency"], t["dateline"] = ag, dl
    if rng.random() < 0.6:
        p.boiler("caption", caption(rng, w, d, c.title))
    c.body(dateline_prefix=pre, inserts=[c.ins_read_more][: rng.randint(0, 1)])
    if ag == "dpa":
        p.boiler(
            "agency_residue",
            f"© dpa-infocom, dpa:{d.strftime('%y%m%d')}-99-{rng.randint(100000, 999999)}/"
            f"{rng.randint(2, 6)}",
        )
    else:
        p.boiler("copyright", f"ALL RIGHTS RESERVED © Copyright {ag}")
    p.boiler_block([("social", "Sharing article"), ("social", "Print")])
    c.related("dated", "Related articles")
    return c.finish(blank=rng.choice(["block", "none"]))


def _t_gulf_portal(rng: random.Random) -> GeneratedPage:
    """A Gulf portal: language switch, highlights, "Dubai: " dateline, Published/Last updated."""
    c = _Ctx(rng, "gulf_portal")
    p, w, t = c.page, c.w, c.truth
    p.boiler_block([("menu", "العربية"), ("menu", "English"), ("date_widget", c.widget())])
    p.boiler("menu", *c.menu_bullets(10, nested=False), indent="")
    p.boiler("title", c.title)
    if rng.random() < 0.6:
        p.boiler("standfirst", c.standfirst_text)
        t["standfirst"] = c.standfirst_text
    p.boiler(
        "byline",
        rng.choice(
            [
                f"{c.author_name}, Senior Reporter",
                f"{c.author_name}, Chief Reporter",
                f"By {c.author_name}",
            ]
        ),
    )
    t["author"] = c.author_name
    later = c.published + timedelta(days=rng.randint(0, 3))
    p.boiler_block(
        [
            ("date", f"Published: {fmt_date(c.published, 'mdy3', rng)}, {_time24(rng)}"),
            ("date", f"Last updated: {fmt_date(later, 'mdy3', rng)}, {_time24(rng)}"),
        ]
    )
    t["published"] = c.published
    if rng.random() < 0.5:
        p.neutral("Highlights")
        for a in rng.sample(w.topic.actions, 2):
            p.neutral(f"• Officials plan to {a}")
    city = rng.choice(["Dubai", "Abu Dhabi", "Riyadh", "Doha", "Muscat", "Manama"])
    t["dateline"] = city
    c.body(dateline_prefix=f"{city}: ", inserts=[c.ins_read_more, c.ins_ad][: rng.randint(0, 2)])
    p.boiler("app", f"Follow {c.outlet} on Google News for the latest updates.")
    c.related()
    c.footer_links()
    p.boiler("copyright", copyright_line(rng, c.outlet, later.year))
    return c.finish()


def _t_finance_terminal(rng: random.Random) -> GeneratedPage:
    """A markets site running Bloomberg copy: tickers, Most Read at the top, (Bloomberg) --."""
    c = _Ctx(rng, "finance_terminal")
    p, w, t = c.page, c.w, c.truth
    levels = {
        "DOW": 43000,
        "S&P 500": 5900,
        "NASDAQ": 19000,
        "FTSE 100": 8600,
        "DAX": 22000,
        "Nikkei 225": 38000,
        "EUR/USD": 1.04,
        "Brent": 74,
        "Gold": 2900,
        "BTC/USD": 85000,
    }
    tick = [
        f"{s} {levels[s] * rng.uniform(0.95, 1.05):,.2f} "
        f"{rng.choice(['▲', '▼', '+', '-'])}{rng.uniform(0, 3):.2f}%"
        for s in rng.sample(sorted(levels), 5)
    ]
    p.boiler_block([("ticker", x) for x in tick])
    p.boiler("teaser_heading", "Most Read from Bloomberg")
    p.boiler_block([("teaser", h) for h in c.headlines(rng.randint(3, 5))])
    p.boiler("title", c.title)
    a2 = _name(rng) if rng.random() < 0.35 else None
    t["author"] = c.author_name if not a2 else f"{c.author_name} and {a2}"
    p.boiler_block(
        [
            ("byline", t["author"] if rng.random() < 0.5 else f"By {t['author']}"),
            ("date", fmt_date(c.published, "short_wd", rng)),
            ("read_time", rng.choice(READ_TIME)),
        ]
    )
    t["published"] = c.published
    if rng.random() < 0.4:
        p.boiler(
            "updates_note",
            f"(Updates with comment from {w.cast[0][0]} in the {rng.choice(['third', 'fifth'])} "
            "paragraph.)",
        )
    t["agency"] = "Bloomberg"
    c.body(
        dateline_prefix="(Bloomberg) -- ",
        inserts=[
            lambda: (
                p.boiler("teaser_heading", "Most Read from Bloomberg"),
                p.boiler_block([("teaser", h) for h in c.headlines(3)]),
            )
        ][: rng.randint(0, 1)],
    )
    p.neutral(f"--With assistance from {_name(rng)}.")
    p.boiler("copyright", f"©{c.published.year} Bloomberg L.P.")
    c.related("deks")
    return c.finish(blank=rng.choice(["block", "block", "none"]))


def _t_amp_minimal(rng: random.Random) -> GeneratedPage:
    """A stripped AMP/reader-mode capture: cookie consent first, <title> residue, ISO date."""
    c = _Ctx(rng, "amp_minimal", n_paras=rng.randint(3, 12))
    p, t = c.page, c.truth
    p.boiler_block([("cookie", x) for x in rng.sample(COOKIE_LINES, rng.randint(3, 5))])
    p.boiler("menu", "Skip to main content")
    p.boiler("html_title", f"{c.title} {rng.choice(['|', '-', '–'])} {c.outlet}")
    p.boiler("title", c.title)
    explicit = rng.random() < 0.7
    if explicit:
        p.boiler("date", c.date_str("iso_ts"))
        t["published"] = c.published
    c.body(social=0.0)
    p.boiler("link", f"Read the full story on {c.outlet}")
    p.boiler("copyright", copyright_line(rng, c.outlet, c.published.year))
    return c.finish(header=c.header(explicit_date=explicit))


def _t_republished(rng: random.Random) -> GeneratedPage:
    """A Creative-Commons republication: academic author line, disclosure, republish notes."""
    c = _Ctx(rng, "republished")
    p, t = c.page, c.truth
    p.boiler_block([("masthead", c.outlet), ("menu", c.menu_pipes(6))])
    p.boiler("title", c.title)
    p.boiler("standfirst", c.standfirst_text)
    t["standfirst"] = c.standfirst_text
    uni = (
        f"University of {rng.choice(['Lisbon', 'Nairobi', 'Warsaw', 'Melbourne', 'Leeds', 'Bonn'])}"
    )
    p.boiler(
        "byline",
        f"{c.author_name}, {rng.choice(ACADEMIC_ROLES)}, {uni}",
    )
    t["author"] = c.author_name
    explicit = rng.random() < 0.7
    if explicit:
        p.boiler("date", f"Published: {c.date_str(rng.choice(['mdy', 'dmy', 'mdy3']))}")
        t["published"] = c.published
    p.boiler(
        "disclosure",
        f"{c.author_name} does not work for, consult, own shares in or receive funding "
        "from any company or organisation that would benefit from this article, and has disclosed "
        "no relevant affiliations beyond their academic appointment.",
    )
    c.body(social=0.0)
    p.boiler(
        "republish",
        f"This article is republished from {rng.choice(OUTLETS)} under a Creative "
        "Commons license. Read the original article.",
    )
    p.boiler_block([("social", "Republish this article"), ("social", "Copy link")])
    c.related("deks", "You might also like")
    return c.finish(header=c.header(explicit_date=explicit))


def _t_africa_daily(rng: random.Random) -> GeneratedPage:
    """A daily with a capture-day widget, > breadcrumb, weekday date, (Country) — dateline."""
    c = _Ctx(rng, "africa_daily")
    p, w, t = c.page, c.w, c.truth
    p.boiler_block(
        [("date_widget", c.widget()), ("masthead", c.outlet)]
        + [("menu", x) for x in c.menu_bullets(9, nested=False)],
        indent="",
    )
    short = " ".join(c.title.split()[:5]) + "..."
    p.boiler("breadcrumb", f"Home > {c.section} > {short}")
    t["section"] = c.section
    p.boiler("title", c.title)
    p.boiler_block([("byline", f"By {c.author_name}"), ("date", c.date_str("wd_mdy"))])
    t["author"], t["published"] = c.author_name, c.published
    p.boiler("caption", caption(rng, w, c.published, c.title))
    city = w.city.upper()
    t["dateline"] = city
    c.body(
        dateline_prefix=f"{city}, {w.country} — ",
        inserts=[c.ins_read_more, c.ins_also_read_block][: rng.randint(0, 2)],
    )
    p.boiler("tags", tag_line(rng, w))
    c.related("dated")
    c.footer_links()
    p.boiler("copyright", copyright_line(rng, c.outlet, c.published.year))
    return c.finish()


def _t_flat_portal(rng: random.Random) -> GeneratedPage:
    """A capture with no blank lines at all: everything is one line after another."""
    c = _Ctx(rng, "flat_portal")
    p, w, t = c.page, c.w, c.truth
    p.boiler("menu", *rng.sample(NAV_WORDS, rng.randint(6, 14)))
    p.boiler("title", c.title)
    if rng.random() < 0.5:
        p.boiler("standfirst", c.standfirst_text)
        t["standfirst"] = c.standfirst_text
    if rng.random() < 0.7:
        p.boiler("byline", f"By {c.author_name}")
        t["author"] = c.author_name
    explicit = rng.random() < 0.8
    if explicit:
        p.boiler("date", c.date_str())
        t["published"] = c.published
    if rng.random() < 0.5:
        p.boiler("caption", caption(rng, w, c.published, c.title))
    c.body(inserts=[c.ins_read_more][: rng.randint(0, 1)])
    c.related(rng.choice(["headlines", "deks", "dated"]))
    c.footer_links(bullets=False)
    p.boiler("copyright", copyright_line(rng, c.outlet, c.published.year))
    return c.finish(blank="none", header=c.header(explicit_date=explicit))


TEMPLATES: dict[str, Callable[[random.Random], GeneratedPage]] = {
    "eu_portal": _t_eu_portal,
    "daily_tr": _t_daily_tr,
    "business_desk": _t_business_desk,
    "econ_brief": _t_econ_brief,
    "wire_global": _t_wire_global,
    "us_regional_ap": _t_us_regional_ap,
    "india_wire": _t_india_wire,
    "tabloid_uk": _t_tabloid_uk,
    "longread": _t_longread,
    "broadcaster": _t_broadcaster,
    "wordpress": _t_wordpress,
    "euro_agency": _t_euro_agency,
    "gulf_portal": _t_gulf_portal,
    "finance_terminal": _t_finance_terminal,
    "amp_minimal": _t_amp_minimal,
    "republished": _t_republished,
    "africa_daily": _t_africa_daily,
    "flat_portal": _t_flat_portal,
}


def generate_page(rng: random.Random, template: str | None = None) -> GeneratedPage:
    """One page of a random (or the named) template; everything is drawn from `rng`."""
    name = template or rng.choice(sorted(TEMPLATES))
    return TEMPLATES[name](rng)


def generate_pages(n: int, seed: int = 0, template: str | None = None) -> list[GeneratedPage]:
    """`n` pages; page i depends only on (seed, i), so one page can be regenerated alone."""
    return [generate_page(random.Random(f"{seed}-{i}"), template) for i in range(n)]


# --------------------------------------------------------------------------------------------
# Scoring a cleaned article against the truth

_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "\u00ad": None}
)
_EDGE = "\"'()[]{}.,;:!?–—-*•|/<>"
_AGENCY_ALIASES = {
    "associated press": "ap",
    "the associated press": "ap",
    "agence france-presse": "afp",
    "agence france presse": "afp",
    "press trust of india": "pti",
    "asian news international": "ani",
    "deutsche presse-agentur": "dpa",
    "reuters": "reuters",
}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def words(text: str) -> list[str]:
    """Words for matching: NFKC, straight quotes, edge punctuation stripped, case kept."""
    out = []
    for tok in _norm(text).split():
        t = tok.strip(_EDGE)
        if t:
            out.append(t)
    return out


def _joined(paragraphs: list[str]) -> str:
    # ¶ keeps a boilerplate line from matching across two paragraphs
    return " " + " ¶ ".join(" ".join(words(p)) for p in paragraphs) + " "


def _count(needle: str, hay: str) -> int:
    if not needle:
        return 0
    n, start = 0, 0
    pat = " " + needle + " "
    while True:
        i = hay.find(pat, start)
        if i < 0:
            return n
        n += 1
        start = i + 1


def _field(text: str | None) -> str | None:
    if text is None:
        return None
    s = " ".join(_norm(text).split())
    return s or None


def _authors(text: str | None) -> frozenset[str] | None:
    s = _field(text)
    if s is None:
        return None
    s = s.casefold()
    for sep in (" and ", "&", ";", "|"):
        s = s.replace(sep, ",")
    names = frozenset(x.strip() for x in s.split(",") if x.strip())
    return names or None


def _dateline(text: str | None) -> str | None:
    s = _field(text)
    return None if s is None else s.split(",")[0].strip().casefold() or None


def _agency(text: str | None) -> str | None:
    s = _field(text)
    if s is None:
        return None
    s = s.casefold()
    return _AGENCY_ALIASES.get(s, s)


@dataclass
class PageScore:
    """How one cleaned article compares with its page's truth."""

    template: str
    body_words: int = 0  # words in the gold body
    body_kept: int = 0  # of those, found in the cleaned body (multiset match)
    out_words: int = 0  # words in the cleaned body
    boiler_lines: int = 0  # scorable boilerplate lines
    boiler_kept: int = 0  # of those, still present in the cleaned body
    long_lines: int = 0  # boilerplate lines of LONG_LINE_WORDS words or more: the hard ones
    long_kept: int = 0
    kept_lines: list[tuple[str, str]] = field(default_factory=list)  # (kind, line)
    boiler_by_kind: Counter = field(default_factory=Counter)
    kept_by_kind: Counter = field(default_factory=Counter)
    lost_paragraphs: list[str] = field(default_factory=list)  # gold paragraphs not found whole
    fields: dict[str, bool] = field(default_factory=dict)
    got: dict[str, object] = field(default_factory=dict)
    error: str | None = None

    @property
    def recall(self) -> float:
        return self.body_kept / self.body_words if self.body_words else 1.0

    @property
    def drop(self) -> float:
        return 1 - self.boiler_kept / self.boiler_lines if self.boiler_lines else 1.0


# Boilerplate lines this long look like prose (teasers, captions, bios, notices).
LONG_LINE_WORDS = 8
FIELDS = ("title", "standfirst", "published", "author", "dateline", "agency", "section")


def score_page(page: GeneratedPage, article: object) -> PageScore:
    """Compare `article` (anything with the Article attributes) with `page`'s truth.

    Body recall is a multiset match of words; a boilerplate line counts as kept when its words
    occur, as a run, more often in the cleaned body than in the gold body. Fields are compared
    after whitespace and quote-style normalisation (author as a set of names, dateline by its
    first comma part, agency with common long names mapped to the short ones, case-folded).
    """
    sc = PageScore(page.template)
    paras = list(getattr(article, "paragraphs", []) or [])
    gold_c = Counter(w for p in page.body_paragraphs for w in words(p))
    out_c = Counter(w for p in paras for w in words(p))
    sc.body_words = sum(gold_c.values())
    sc.out_words = sum(out_c.values())
    sc.body_kept = sum(min(n, out_c[w]) for w, n in gold_c.items())

    out_j, gold_j = _joined(paras), _joined(page.body_paragraphs)
    groups: dict[str, list[str]] = {}
    for line, kind in zip(page.boilerplate_lines, page.boilerplate_kinds, strict=True):
        key = " ".join(words(line))
        if key:
            groups.setdefault(key, []).append((kind, line))
    for key, kinds in groups.items():
        extra = max(0, _count(key, out_j) - _count(key, gold_j))
        kept = min(len(kinds), extra)
        sc.boiler_lines += len(kinds)
        sc.boiler_kept += kept
        sc.boiler_by_kind.update(k for k, _ in kinds)
        for kind, line in kinds[:kept]:
            sc.kept_by_kind[kind] += 1
            sc.kept_lines.append((kind, line))
            if len(key.split()) >= LONG_LINE_WORDS:
                sc.long_kept += 1
        if len(key.split()) >= LONG_LINE_WORDS:
            sc.long_lines += len(kinds)
    for p in page.body_paragraphs:
        if _count(" ".join(words(p)), out_j) == 0:
            sc.lost_paragraphs.append(p)

    def get(name: str) -> object:
        return getattr(article, name, None)

    sc.got = {name: get(name) for name in FIELDS}
    sc.fields = {
        "title": _field(get("title")) == _field(page.title),
        "standfirst": _field(get("standfirst")) == _field(page.standfirst),
        "published": get("published") == page.published,
        "author": _authors(get("author")) == _authors(page.author),
        "dateline": _dateline(get("dateline")) == _dateline(page.dateline),
        "agency": _agency(get("agency")) == _agency(page.agency),
        "section": (_field(get("section")) or "").casefold()
        == (_field(page.section) or "").casefold(),
    }
    return sc
