"""The handbook's Danish: spelled right, and in the terms of the Danish MDR.

**Spelling.** Every Danish text is checked with hunspell and the Debian Danish dictionary
(`hunspell -d da_DK -l`): all string values in `qms/**/*.yaml` except ids, references to ids,
enum codes and dates, and the hand-written pages `docs/*.md` without code, link targets, file
paths and Markdown syntax. All text goes through ONE hunspell process. A word hunspell does not
know fails the test, with the files it occurs in, unless it is in `tests/danish-words.txt`: the
reviewed list of ids, abbreviations, names of organisations and products, and correct technical
terms and compounds the dictionary lacks. A real misspelling is fixed in the content; it is
never added to the list. Hyphens and slashes split words, so a listed abbreviation covers its
Danish compounds ("CAPA" covers "CAPA-loggen"), and the Danish part is still checked.

Without hunspell and its Danish dictionary the spelling test skips with the reason, except in
CI (CI=true, the convention of tests/browser/conftest.py), where it fails: `scripts/setup.sh
--test` installs both.

**Terms.** Some wrong Danish reads as fine to a spell checker, so these are rejected outright
in every Danish text: the YAML strings and `docs/*.md` with its code examples. Only a term in
inline code (`...`) is a mention rather than a use, as in the authoring guide's table of the
terms below:

- "gennemarbejdet eksempel", a calque of the English "worked example"; Danish says
  "eksempel" or "eksempel trin for trin".
- "fremstiller" as a noun ("fremstilleren", "fremstillerens", "fremstillerrollen", "er
  fremstiller"): the Danish MDR calls the manufacturer "fabrikant" (art. 2, nr. 30). The verb
  ("den institution, der fremstiller udstyret") and "den fremstillende sundhedsinstitution"
  (art. 5, stk. 5, litra e, nr. i) are the Regulation's own words and stay.
- "producent" for the manufacturer: not the MDR's term either; it is "fabrikant".
- "lægmand", "lægmænd", "lægbruger": the Danish MDR says "lægperson" (bilag I, pkt. 22 and
  pkt. 23.4, litra w).
- "medicinsk udstyrssoftware", a calque of "medical device software": write "software, der er
  medicinsk udstyr".
- "MDR-ansvarlig" is not a role in the MDR. It is the steering-group record's own word for the
  region's task with the national questionnaires, so it may only appear quoted, as the
  record's word, never as a term of the handbook.

Change notes belong to the approved revision and are only rewritten with the next revision, so
a note that keeps a rejected term until then is listed in FROZEN; the test fails once a frozen
note no longer has the phrase, so that the exemption is removed with it. (The notes of PR-08 and
PR-09 rev. 1 were listed; rev. 2 has new notes.)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORDS_FILE = REPO / "tests" / "danish-words.txt"
DICTIONARY = "da_DK"

# Keys whose values are ids, references to ids, enum codes, dates or numbers, not Danish text.
NOT_TEXT = frozenset(
    {
        "id",
        "kind",
        "owner",
        "approver",
        "responsible",
        "parent",
        "catalogue",
        "requirement",
        "procedure",
        "records",
        "evidence",
        "risks",
        "procedures",
        "devices",
        "requirements",
        "supersedes",
        "status",
        "category",
        "type",
        "class",
        "confidentiality",
        "approved",
        "effective",
        "next_review",
        "identified",
        "due",
        "content_owner",
        "members",
        "raci",
        "rules",
        "catalogue_order",
        "today",
        "assessed",
        "approval_baseline",
        "trusted_keys",
        "hazards",
        "by",
        "decision",
        "decided",
        "record",
    }
)

# (file, JSON pointer) of texts that keep a rejected term until their next revision.
FROZEN: set[tuple[str, str]] = set()  # empty since PR-08 and PR-09 rev. 2 rewrote their change notes

REJECTED = [
    (re.compile(r"\bgennemarbejde(?:t|de)\s+eksempl?e", re.IGNORECASE), "calque of 'worked example'; write 'eksempel'"),
    (
        re.compile(r"\bfremstiller(?:en|ens|e|ne|nes|rolle\w*)\b|\b(?:er|være|blive)\s+fremstiller\b", re.IGNORECASE),
        "the Danish MDR calls the manufacturer 'fabrikant'",
    ),
    (re.compile(r"\bproducent(?:en|ens|er|erne|ernes)?\b", re.IGNORECASE), "the Danish MDR says 'fabrikant'"),
    (re.compile(r"\blægm(?:and|anden|ands|ænd|ændene|ænds)\b|\blægbruger", re.IGNORECASE), "the MDR says 'lægperson'"),
    (re.compile(r"\bmedicinsk\s+udstyrssoftware", re.IGNORECASE), "write 'software, der er medicinsk udstyr'"),
    (
        re.compile(r"(?<![»\"“„'])\bMDR-ansvarlig\w*|\bMDR-ansvarlig\w*(?![\w«\"”'])"),
        "'MDR-ansvarlig' is no MDR role; only quote it as the record's word",
    ),
]


def in_ci() -> bool:
    """The same convention as tests/browser/conftest.py."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _strings(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_TEXT:
                yield from _strings(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{pointer}/{i}")
    elif isinstance(node, str):
        yield pointer, node


@cache
def yaml_texts() -> tuple[tuple[str, str, str], ...]:
    """(file, pointer, text) for every Danish string in the handbook's YAML."""
    out = []
    for path in sorted((REPO / "qms").rglob("*.yaml")):
        rel = path.relative_to(REPO).as_posix()
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(rel, pointer, text) for pointer, text in _strings(data)]
    return tuple(out)


def doc_files() -> list[Path]:
    return sorted((REPO / "docs").glob("*.md"))


def prose_of_markdown(text: str) -> str:
    """The Danish prose of a hand-written page: no code, link targets, anchors or admonition keywords."""
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", " ", text, flags=re.DOTALL | re.MULTILINE)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\]\([^)\s]*\)", "]", text)
    text = re.sub(r"\{[#:.][^}]*\}", " ", text)
    text = re.sub(r"^(\s*)(?:!!!|\?\?\?\+?)\s*\w+", r"\1", text, flags=re.MULTILINE)
    return text


URL = re.compile(r"\b(?:https?|mailto):\S+")
PATH = re.compile(r"\S*/\S*\.(?:yaml|yml|csv|md|json|html|sh|py|js|css)\b|\b(?:qms|docs|tests|tools|data)/\S*")


def words_of(text: str) -> str:
    """Text as hunspell should see it: no URLs or file paths; hyphens and slashes split words."""
    text = URL.sub(" ", text)
    text = PATH.sub(" ", text)
    return re.sub(r"(?<=\w)[-/](?=\w)", " ", text)


@cache
def texts_by_file() -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for file, _, text in yaml_texts():
        out.setdefault(file, []).append(text)
    for path in doc_files():
        out[path.relative_to(REPO).as_posix()] = [prose_of_markdown(path.read_text(encoding="utf-8"))]
    return {file: words_of("\n".join(parts)) for file, parts in out.items()}


def reviewed_words() -> set[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def accepted(word: str, words: set[str]) -> bool:
    return word in words or (word[:1].isupper() and word[:1].lower() + word[1:] in words)


# A string no Danish dictionary knows: it must come back as unknown, or hunspell checks nothing.
CANARY = "kvxqzjwbrt"


def _hunspell_unknown(text: str) -> list[str]:
    if shutil.which("hunspell") is None:
        reason = "hunspell is not installed (apt-get install hunspell hunspell-da, or scripts/setup.sh --test)"
    else:
        probe = subprocess.run(["hunspell", "-d", DICTIONARY, "-l"], input="", capture_output=True, text=True)
        reason = "" if probe.returncode == 0 else f"hunspell has no {DICTIONARY} dictionary (apt-get install hunspell-da)"
    if reason:
        if in_ci():
            pytest.fail(f"{reason}; CI=true, so the spelling test must run", pytrace=False)
        pytest.skip(reason)
    proc = subprocess.run(
        ["hunspell", "-d", DICTIONARY, "-l"],
        input=f"{text}\n{CANARY}\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return proc.stdout.split()


def test_the_word_list_is_sorted_unique_and_reviewed_words_only() -> None:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].startswith("#"), "the word list starts with its comment header"
    words = [line for line in lines if line.strip() and not line.startswith("#")]
    assert words == sorted(words), "keep tests/danish-words.txt sorted"
    assert len(words) == len(set(words)), "a word is listed twice"
    assert all(re.fullmatch(r"[^\s#]+", w) for w in words), "one word per line, no spaces"


def test_every_danish_text_is_spelled_right() -> None:
    texts = texts_by_file()
    # docs/ has three hand-written pages; the citation page is generated with the edition's own values.
    assert sum(f.startswith("qms/") for f in texts) >= 100 and sum(f.startswith("docs/") for f in texts) >= 3
    checked = sum(len(re.findall(r"[^\W\d_]{2,}", t)) for t in texts.values())
    assert checked > 30_000, f"only {checked} words were checked; the extraction has lost text"

    raw = _hunspell_unknown("\n".join(texts.values()))
    assert CANARY in raw, "hunspell did not report a nonsense word; the Danish dictionary is not in use"
    words = reviewed_words()
    unknown = sorted({w.strip(".-'’") for w in raw} - {CANARY})
    unknown = [w for w in unknown if len(w) > 1 and not accepted(w, words)]

    report = []
    for word in unknown:
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")
        files = [f for f, t in texts.items() if pattern.search(t)]
        report.append(f"{word}: {', '.join(files) or '(file not found)'}")
    assert report == [], (
        "unknown Danish words; fix the spelling, or add a correct term, id or name to tests/danish-words.txt:\n"
        + "\n".join(report)
    )


def test_no_listed_word_is_unused() -> None:
    """The list holds only words the handbook uses, so it cannot hide future misspellings."""
    text = "\n".join(texts_by_file().values())
    tokens = set(re.findall(r"[^\W\d_]+", text)) | {t.strip(".") for t in re.findall(r"[\w.]+", text)}
    unused = [w for w in sorted(reviewed_words()) if w not in tokens and w[:1].upper() + w[1:] not in tokens]
    assert unused == [], f"words in tests/danish-words.txt that no text uses any more: {unused}"


def danish_texts_for_terms() -> Iterator[tuple[str, str, str]]:
    yield from yaml_texts()
    for path in doc_files():
        text = re.sub(r"(?<!`)`[^`\n]+`(?!`)", " ", path.read_text(encoding="utf-8"))
        yield path.relative_to(REPO).as_posix(), "", text


def test_no_calques_or_wrong_terms() -> None:
    hits, frozen_seen = [], set()
    for file, pointer, text in danish_texts_for_terms():
        for pattern, why in REJECTED:
            for match in pattern.finditer(text):
                if (file, pointer) in FROZEN:
                    frozen_seen.add((file, pointer))
                    continue
                hits.append(f"{file} {pointer}: {match.group(0)!r}: {why}")
    assert hits == []
    assert frozen_seen == FROZEN, f"no longer needed, remove from FROZEN: {sorted(FROZEN - frozen_seen)}"


def test_the_term_rules_catch_what_they_should() -> None:
    """The patterns are themselves tested, so a typo in one cannot switch it off."""
    wrong = [
        "Et gennemarbejdet eksempel",
        "fremstilleren skal oplyse",
        "hvem der er fremstiller",
        "fremstillerrollen",
        "producenten",
        "borgere (lægmænd)",
        "om lægbrugere",
        "er medicinsk udstyrssoftware",
        "FSA er MDR-ansvarlig for skemaet",
    ]
    right = [
        "den sundhedsinstitution, der fremstiller udstyret",
        "den fremstillende sundhedsinstitution",
        "fabrikanten skal oplyse",
        "lægpersoner",
        "software, der er medicinsk udstyr",
        "referatet kalder regionen »MDR-ansvarlig«",
    ]
    for text in wrong:
        assert any(p.search(text) for p, _ in REJECTED), text
    for text in right:
        assert not any(p.search(text) for p, _ in REJECTED), text
