"""Property tests of `clean_text`: it never raises, never invents a body word, is deterministic.

"Never invents" is checked word by word. The input is split into lines and normalised the
way the cleaner documents (`soft_normalise`: control and invisible characters out, odd spaces
to spaces, NFC; `strip_html_residue`: tags out, entities decoded), then split on whitespace.
Every whitespace-separated word of the body must be one of those words, or the one repair
the cleaner may make: a word split across two lines rejoined, i.e. the last word of a line
glued to the first word of the next non-blank line. Nothing looser is allowed.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.index.cleaner import clean_text
from parallax.index.cleaner.text import soft_normalise, strip_html_residue

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pagegen  # noqa: E402

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- the reference: which body words the input allows ----------------------------------------


def input_lines(text: str) -> list[list[str]]:
    """The words of each input line, split and normalised as the cleaner documents."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [strip_html_residue(soft_normalise(line)).split() for line in lines]


def allowed_words(text: str) -> tuple[set[str], set[str]]:
    """(input words, words rejoined from the end of a line and the start of the next one)."""
    lines = [ws for ws in input_lines(text) if ws]
    words = {w for ws in lines for w in ws}
    rejoined = {a[-1] + b[0] for a, b in zip(lines, lines[1:], strict=False)}
    return words, rejoined


def invented_words(text: str, paragraphs: list[str]) -> list[str]:
    words, rejoined = allowed_words(text)
    return [w for p in paragraphs for w in p.split() if w not in words and w not in rejoined]


def check(text: str) -> None:
    """Clean `text` twice; the body invents nothing and both results are identical."""
    first = clean_text(text, name="prop.txt")
    second = clean_text(text, name="prop.txt")
    article = first.article
    assert isinstance(article.paragraphs, list)
    assert all(isinstance(p, str) and p.strip() for p in article.paragraphs)
    bad = invented_words(text, article.paragraphs)
    assert not bad, f"body words not in the input: {bad[:5]}"
    assert article.to_clean_json() == second.article.to_clean_json()
    assert first.changes == second.changes


# --- strategies -----------------------------------------------------------------------------


def _fragments() -> list[str]:
    """Realistic lines: the seed pages' lines, the generator's boilerplate and prose."""
    out: list[str] = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        out += [ln for ln in f.read_text(encoding="utf-8").split("\n") if ln.strip()]
    for page in pagegen.generate_pages(12, seed=4242):
        out += page.boilerplate_lines + page.body_paragraphs + page.neutral_lines
    for bank in (
        pagegen.NAV_WORDS,
        pagegen.COOKIE_LINES,
        pagegen.NEWSLETTER_LINES,
        pagegen.APP_LINES,
        pagegen.INSERT_LINES,
        pagegen.TEMPLATE_RESIDUE,
    ):
        out += bank
    return out


FRAGMENTS = _fragments()
PROSE = [
    p
    for page in pagegen.generate_pages(10, seed=99)
    for p in page.body_paragraphs
    if len(p.split()) >= 20
]

odd_chars = st.sampled_from(
    [
        "\x00",
        "\x1b[31m",
        "\x1b]0;title\x07",
        "\u200b",
        "\ufeff",
        "\u00ad",
        "\xa0",
        "\u2028",
        "\x85",
        "\x0c",
        "\t",
        "\r",
        "<a href='x'>",
        "</a>",
        "&amp;",
        "&#8220;",
        "&nbsp;",
        "e\u0301",
        "\U0001f600",
        "\u202e",
        "\x7f",
        "\x9b",
        "  ",
    ]
)
long_line = st.builds(
    lambda s, n: (s + " ") * n, st.text(min_size=1, max_size=25), st.integers(50, 400)
)
garbled = st.builds(
    lambda frag, junk, at: frag[:at] + junk + frag[at:],
    st.sampled_from(FRAGMENTS),
    odd_chars,
    st.integers(0, 200),
)
line = st.one_of(
    st.text(max_size=120),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(PROSE),
    garbled,
    long_line,
    st.just(""),
)
separator = st.sampled_from(
    ["\n", "\n", "\n\n", "\n\n\n\n\n\n", "\r\n", "\r", "\n \t\n", "\n\xa0\n"]
)


@st.composite
def mixed_pages(draw: st.DrawFn) -> str:
    """Random lines and realistic fragments, in any order, with odd line breaks."""
    lines = draw(st.lists(line, max_size=60))
    out = ""
    for ln in lines:
        indent = draw(st.sampled_from(["", "", "    ", "  • ", "\t"]))
        out += indent + ln + draw(separator)
    return out


@st.composite
def mutated_pages(draw: st.DrawFn) -> str:
    """A generated page with lines deleted, duplicated, moved, garbled or split."""
    page = pagegen.generate_page(draw(st.randoms(use_true_random=False)))
    lines = page.text.split("\n")
    for _ in range(draw(st.integers(0, 8))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "move", "garble", "split", "insert"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "move":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
        elif op == "garble":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(odd_chars) + lines[i][at:]
        elif op == "split" and len(lines[i]) > 2:
            at = draw(st.integers(1, len(lines[i]) - 1))
            lines[i : i + 1] = [lines[i][:at], lines[i][at:]]
        else:
            lines.insert(i, draw(line))
    return "\n".join(lines)


@st.composite
def drop_cap_pages(draw: st.DrawFn) -> str:
    """Prose paragraphs where one paragraph's first letter sits at the end of the previous one,
    as a drop cap flattens: "...in Washington. I" / "n the meantime..."."""
    paras = draw(st.lists(st.sampled_from(PROSE), min_size=3, max_size=8))
    i = draw(st.integers(0, len(paras) - 2))
    nxt = paras[i + 1]
    paras[i] = paras[i] + " " + nxt[0]
    paras[i + 1] = nxt[1:]
    title = draw(st.sampled_from(FRAGMENTS))
    return title + "\n\n" + "\n\n".join(paras) + "\n"


# --- properties -----------------------------------------------------------------------------


@SETTINGS
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    check(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000))
def test_arbitrary_text_all_code_points(text: str) -> None:
    check(text)


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=60), long_line), max_size=30), st.integers(0, 40))
def test_blank_lines_and_long_lines(lines: list[str], blanks: int) -> None:
    check(("\n" * blanks).join(lines) + "\n" * blanks)


@SETTINGS
@given(mixed_pages())
def test_mixed_fragments(text: str) -> None:
    check(text)


@SETTINGS
@given(mutated_pages())
def test_mutated_generated_pages(text: str) -> None:
    check(text)


@SETTINGS
@given(drop_cap_pages())
def test_drop_cap_splits(text: str) -> None:
    check(text)


def test_rejoined_word_is_allowed_only_as_a_line_join() -> None:
    """The one allowance is really used, and only where two lines meet."""
    text = (
        "Envoys meet again\n\n"
        "Overnight, the envoys of both governments agreed on a short list of embassy staff "
        "who could return to their posts before the end of the month, officials said. Ov\n\n"
        "ernight talks are expected to continue, the ministry said on Thursday, adding that "
        "a second round would take place in the same building next week.\n"
    )
    paragraphs = clean_text(text).article.paragraphs
    words, rejoined = allowed_words(text)
    body = [w for p in paragraphs for w in p.split()]
    repaired = [w for w in body if w not in words]
    assert repaired == ["Overnight"], paragraphs  # "Ov" + "ernight" rejoined
    assert "Overnight" in rejoined
    # The same word glued from two tokens that are not at a line break is invented.
    assert invented_words("Ov ernight talks", ["Overnight talks"]) == ["Overnight"]


def test_no_word_is_rejoined_across_a_dropped_line() -> None:
    """Hypothesis found "I" + "&amp;" + "n January" read as "In January": the fragments of a
    split word meet at one line break, with nothing but blank lines between them. (The
    page as found, up to its republishing note.)"""
    text = "\r\n".join(
        [
            " date 2024-01-02 The Meridian Post",
            "Home | World | Politics | Business | Economy | Markets",
            "",
            "Poland extends fuel subsidy as prices climb",
            "",
            "Asked whether the government had delayed the pipeline by at least eighteen months, Novak declined to comment.",
            "",
            "Anna Novak, Professor of Economics, University of Nairobi ",
            "",
            "",
            "Published: January 1, 2024",
            "",
            "Anna Novak does not work for, consult, own shares in or receive funding from any company or organisation that would benefit from this article, and has disclosed no relevant affiliations beyond their academic appointment.",
            "",
            "Farmers in Warsaw have criticised gas prices, arguing that the government could face blackouts if the winter is colder than expected. Asked whether the government would cap household energy bills until the end of the year, Novak declined to comment.",
            "",
            "",
            "The European Commission said in a statement that the European Commission would cap household energy bills until the end of the year. I",
            "&amp;",
            "",
            "n January, Novak said the government would cap household energy bills until the end of the year. Meanwhile, the government had delayed the pipeline by at least eighteen months. Asked whether the government would cap household energy bills until the end of the year, Polish Finance Minister Anna Okafor declined to comment.",
            "",
            "",
            "The plan to extend the fuel subsidy has divided farmers in Poland. The European Commission said in a statement that the government would cap household energy bills until the end of the year. The move comes as the government would cap household energy bills until the end of the year. Novak told reporters in Warsaw on Monday that the government would cap household energy bills until the end of the year. The plan to extend the fuel subsidy has divided investors in Poland.",
            "",
        ]
    )
    check(text)


def test_deterministic_across_processes() -> None:
    """Same input, same output, whatever the hash seed (no set-order leaks)."""
    script = r"""
import importlib.util, json, sys, types
from pathlib import Path
root = Path(sys.argv[1])
if importlib.util.find_spec("parallax") is None:
    ns = types.ModuleType("parallax"); ns.__path__ = [str(root)]; sys.modules["parallax"] = ns
sys.path.insert(0, str(root / "bench"))
import pagegen
from parallax.index.cleaner import clean_text
texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
texts += [p.text for p in pagegen.generate_pages(40, seed=11)]
out = []
for t in texts:
    r = clean_text(t)
    out.append([r.article.to_clean_json(), [repr(c) for c in r.changes]])
print(json.dumps(out, sort_keys=True))
"""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        res = subprocess.run(
            [sys.executable, "-c", script, str(ROOT)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert res.returncode == 0, res.stderr[-2000:]
        outputs.append(res.stdout)
    assert outputs[0] == outputs[1]


def test_reference_is_not_vacuous() -> None:
    """The checker itself flags a made-up word, so the properties above can fail."""
    rng = random.Random(5)
    page = pagegen.generate_page(rng)
    assert invented_words(page.text, page.body_paragraphs) == []
    assert invented_words(page.text, [page.body_paragraphs[0] + " Zorblax"]) == ["Zorblax"]


def test_the_drop_log_made_when_read_is_the_one_a_copy_carries() -> None:
    """The drop log is made when first read: a result pickled for another process (as a
    fetched page's is) carries the same changes, in the order of the lines."""
    import pickle

    text = "Menu\n\nHome > World\n\nTalks end\n\n" + "\n\n".join(
        f"The envoys met for the {n}th time on Sunday and said the talks would go on."
        for n in range(4, 9)
    )
    copy = pickle.loads(pickle.dumps(clean_text(text)))
    changes = clean_text(text).changes
    assert copy.changes == changes
    assert copy.article.to_clean_json() == clean_text(text).article.to_clean_json()
    assert [c.line for c in changes] == sorted(c.line for c in changes)
    assert {"Menu", "Home > World"} <= {c.before for c in changes if c.action == "drop"}
