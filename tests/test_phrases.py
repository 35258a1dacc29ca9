"""Table-driven spec for the quantity extractor (issue 2).

``tests/data/phrases.tsv`` holds one quantity per row, each inside a short phrase copied
verbatim from the seed corpus or from People's Daily 1998 (``source`` says where; a few rows
marked ``constructed`` or ``nfkc:`` cover forms the corpus lacks).  Columns:

``phrase``     the context; ``\\n`` stands for a line break
``text``       the quantity's surface inside the phrase, as written (OCR spaces kept)
``lo``/``hi``  decimal strings; empty is an open end (``None``)
``qualifier``  one of model.QUALIFIERS, or ``*`` (not checked)
``unit``       empty means no unit (``None``); ``*`` means not checked
``kind``       one of model.KINDS
``subject``    what is counted; empty means not checked
``iso``        dates and times only; a trailing ``*`` is a prefix match
``year``       passed as ``extract(phrase, year=...)`` when set
``span``       ``line:col-end_line:end_col`` of ``text`` inside the phrase (1-based code
               points, end exclusive); set for OCR rows whose figure is split by spaces or lines
``tol``        allowed absolute error on lo/hi (non-terminating fractions such as 三分之一)

``tests/data/negatives.tsv``: a phrase and a token in it that is not an amount (一线, 千家万户,
TR188次 …).  Quantities touching the token may only be ordinals or identifiers.  ``expect``
lists kinds separated by commas: a plain kind (``identifier``) must be found on the token; a
kind with ``?`` (``date?`` for 90后) is tolerated there but not required.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

import factlint
from factlint.model import KINDS, QUALIFIERS, Quantity
from tests.shared_data import shared_path

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parents[1]
NON_AMOUNT_KINDS = frozenset({"ordinal", "identifier"})


def _read_tsv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    rows = []
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t",
                                                quoting=csv.QUOTE_NONE), start=2):
        if None in row or any(value is None for value in row.values()):
            raise ValueError(f"{name}: row {number} has the wrong number of columns")
        rows.append({key: value.replace("\\n", "\n") for key, value in row.items()})
    return rows


def _ids(rows: list[dict[str, str]], second: str) -> list[str]:
    """The phrase, plus the quantity's text when one phrase carries several rows."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["phrase"]] = counts.get(row["phrase"], 0) + 1
    return [(row["phrase"] if counts[row["phrase"]] == 1
             else f"{row['phrase']} → {row[second]}").replace("\n", "⏎") for row in rows]


ROWS = _read_tsv("phrases.tsv")
NEGATIVES = _read_tsv("negatives.tsv")

# Known limitations of the extractor, each a real phrase it still misreads. They are
# strict xfails: the day one is fixed, its test fails until it is taken off this list.
KNOWN_LIMITATIONS: dict[tuple[str, str], str] = {
    ("159 名", "159 名自然村中心党支部成员、81\n\n名医生对湖北返乡人员实行一对\n\n一包保服务到位，"
               "1487 名党员包\n\n保 16877 户群众，做到包保全方"):
        "subject longer than 8 characters",
    ("海卫1", "海卫1表面温度已经从"): "a numbered proper name (Triton) reads as a count",
}


def _params(rows: list[dict[str, str]], second: str) -> list:
    params = []
    for row, test_id in zip(rows, _ids(rows, second), strict=True):
        reason = KNOWN_LIMITATIONS.get((row[second], row["phrase"]))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(row, id=test_id, marks=marks))
    return params


def test_every_known_limitation_names_a_row() -> None:
    rows = {(r["text"], r["phrase"]) for r in ROWS} | {(r["token"], r["phrase"]) for r in NEGATIVES}
    assert set(KNOWN_LIMITATIONS) <= {(t, p.replace("\n", "\\n")) for t, p in rows} | rows


@dataclass(frozen=True)
class Where:
    start: int
    end: int


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _where(phrase: str, text: str) -> Where:
    start = phrase.index(text)
    return Where(start, start + len(text))


def _overlap(q: Quantity, where: Where) -> int:
    return min(q.span.end, where.end) - max(q.span.start, where.start)


def _find(quantities: list[Quantity], phrase: str, text: str) -> Quantity | None:
    """The quantity written as ``text`` or, failing that, the one overlapping it most."""
    where = _where(phrase, text)
    same = [q for q in quantities
            if _squeeze(q.text) == _squeeze(text) or _squeeze(q.normalized) == _squeeze(text)]
    if same:
        return max(same, key=lambda q: _overlap(q, where))
    touching = [q for q in quantities if _overlap(q, where) > 0]
    return max(touching, key=lambda q: _overlap(q, where)) if touching else None


def _describe(q: Quantity) -> str:
    return (f"{q.text!r} [{q.lo}, {q.hi}] {q.qualifier} unit={q.unit} kind={q.kind} "
            f"subject={q.subject} iso={q.iso} span={q.span.line}:{q.span.column}-"
            f"{q.span.end_line}:{q.span.end_column}")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _decimal(value: str) -> Decimal | None:
    return Decimal(value) if value else None


def _extract(row: dict[str, str]) -> list[Quantity]:
    if row["year"]:
        return factlint.extract(row["phrase"], year=int(row["year"]))
    return factlint.extract(row["phrase"])


def _check_bound(name: str, got: Decimal | None, want: Decimal | None, tol: Decimal,
                 problems: list[str]) -> None:
    if want is None or got is None:
        if got is not want:
            problems.append(f"{name}: got {got}, want {want}")
    elif abs(got - want) > tol:
        problems.append(f"{name}: got {got}, want {want}")


@pytest.mark.parametrize("row", _params(ROWS, "text"))
def test_phrase(row: dict[str, str]) -> None:
    phrase, text = row["phrase"], row["text"]
    quantities = _extract(row)
    q = _find(quantities, phrase, text)
    assert q is not None, (f"no quantity for {text!r}; found: "
                           + "; ".join(_describe(x) for x in quantities))
    problems: list[str] = []
    tol = Decimal(row["tol"] or 0)
    if row["kind"] not in ("date", "time"):
        _check_bound("lo", q.lo, _decimal(row["lo"]), tol, problems)
        _check_bound("hi", q.hi, _decimal(row["hi"]), tol, problems)
    if row["qualifier"] != "*" and q.qualifier != row["qualifier"]:
        problems.append(f"qualifier: got {q.qualifier}, want {row['qualifier']}")
    if row["unit"] != "*" and q.unit != (row["unit"] or None):
        problems.append(f"unit: got {q.unit}, want {row['unit'] or None}")
    if q.kind != row["kind"]:
        problems.append(f"kind: got {q.kind}, want {row['kind']}")
    if row["subject"] and q.subject != row["subject"]:
        problems.append(f"subject: got {q.subject}, want {row['subject']}")
    if row["kind"] in ("date", "time"):
        want_iso = row["iso"]
        ok = (q.iso or "").startswith(want_iso[:-1]) if want_iso.endswith("*") \
            else q.iso == want_iso
        if not ok:
            problems.append(f"iso: got {q.iso}, want {want_iso}")
        if q.lo is not None or q.hi is not None:
            problems.append(f"dates carry iso, not lo/hi: got [{q.lo}, {q.hi}]")
    # Wherever the figure came from, its span must agree with itself.
    if (q.span.line, q.span.column) != _line_col(phrase, q.span.start) or \
            (q.span.end_line, q.span.end_column) != _line_col(phrase, q.span.end):
        problems.append(f"span line/column disagree with offsets {q.span}")
    if row["span"]:
        if phrase[q.span.start:q.span.end] != q.text:
            problems.append(f"span {q.span.start}:{q.span.end} slices "
                            f"{phrase[q.span.start:q.span.end]!r}, not text {q.text!r}")
        got = f"{q.span.line}:{q.span.column}-{q.span.end_line}:{q.span.end_column}"
        if _squeeze(q.text) == _squeeze(text):
            if got != row["span"]:
                problems.append(f"span: got {got}, want {row['span']}")
        elif _overlap(q, _where(phrase, text)) <= 0:
            problems.append(f"span {got} misses {text!r} at {row['span']}")
    assert not problems, f"{_describe(q)}: " + "; ".join(problems)


@pytest.mark.parametrize("row", _params(NEGATIVES, "token"))
def test_negative(row: dict[str, str]) -> None:
    phrase, token = row["phrase"], row["token"]
    expect = [kind for kind in row["expect"].split(",") if kind]
    required = [kind for kind in expect if not kind.endswith("?")]
    allowed = NON_AMOUNT_KINDS | {kind.rstrip("?") for kind in expect}
    where = _where(phrase, token)
    touching = [q for q in factlint.extract(phrase) if _overlap(q, where) > 0]
    wrong = [q for q in touching if q.kind not in allowed]
    assert not wrong, f"{token!r} read as " + "; ".join(_describe(q) for q in wrong)
    for kind in required:
        assert any(q.kind == kind for q in touching), (
            f"{token!r} should be an {kind}; found: "
            + ("; ".join(_describe(q) for q in touching) or "nothing"))


# --- parse(): one figure on its own -------------------------------------------------

def test_parse_more_than_wan() -> None:
    q = factlint.parse("7436万多名")
    assert (q.lo, q.hi) == (Decimal(74360000), Decimal(74370000))
    assert (q.qualifier, q.unit, q.kind) == ("more_than", "名", "count")
    assert q.text == "7436万多名"


def test_parse_money_precision() -> None:
    q = factlint.parse("76.8亿元")
    assert q.lo == q.hi == Decimal(7680000000)
    assert (q.qualifier, q.unit, q.kind) == ("exact", "元", "money")
    assert q.precision == Decimal(5000000)


def test_parse_nearly() -> None:
    q = factlint.parse("近1.8万人")
    assert (q.lo, q.hi, q.qualifier, q.unit) == (Decimal(16200), Decimal(18000), "nearly", "人")


@pytest.mark.parametrize("text", ["85％", "85%", "百分之八十五"])
def test_parse_percent_forms_agree(text: str) -> None:
    q = factlint.parse(text)
    assert (q.lo, q.hi, q.unit, q.kind) == (Decimal(85), Decimal(85), "%", "percent")


def test_parse_cheng_is_percent() -> None:
    q = factlint.parse("三成")
    assert (q.lo, q.hi, q.unit, q.kind) == (Decimal(30), Decimal(30), "%", "percent")


def test_parse_percentage_points_are_not_percent() -> None:
    q = factlint.parse("2个百分点")
    assert (q.lo, q.unit) == (Decimal(2), "个百分点")


def test_parse_hours_drop_the_measure_word() -> None:
    q = factlint.parse("72个小时")
    assert (q.lo, q.unit, q.kind) == (Decimal(72), "小时", "duration")


@pytest.mark.parametrize("text", ["党员", ""])
def test_parse_rejects_text_without_a_figure(text: str) -> None:
    with pytest.raises(ValueError):
        factlint.parse(text)


# --- spans in whole seed files -------------------------------------------------------

SEED_SPANS = [
    # file, year, normalized figure, (line, column, end_line, end_column)
    ("000_6aef4c9e06e579a7.txt", 2020, "6000余名", (193, 17, 194, 3)),
    ("000_6aef4c9e06e579a7.txt", 2020, "1.8万人", (196, 16, 197, 2)),
    ("000_6aef4c9e06e579a7.txt", 2020, "1月23日", (218, 20, 219, 6)),
    ("003_d84f8fc48e376cc1.txt", 2020, "290个", (348, 16, 350, 2)),
    ("003_d84f8fc48e376cc1.txt", 2020, "30万元", (267, 5, 267, 11)),
    ("004_e121854575d370ac.txt", 2020, "58万余名", (257, 29, 258, 4)),
    ("004_e121854575d370ac.txt", 2020, "2306斤", (275, 26, 276, 2)),
    ("004_e121854575d370ac.txt", 2020, "76.8亿元", (4, 38, 4, 44)),
]


@pytest.mark.parametrize("name,year,figure,where", SEED_SPANS,
                         ids=[f"{s[0][:3]}:{s[3][0]}:{s[2]}" for s in SEED_SPANS])
def test_span_in_seed_file(name: str, year: int, figure: str,
                           where: tuple[int, int, int, int]) -> None:
    """A figure split by OCR spaces or line breaks still points at the original file."""
    path = REPO / "seeds" / name
    text = path.read_text(encoding="utf-8")
    quantities = factlint.extract(text, path=str(path), year=year)
    starting = [q for q in quantities if (q.span.line, q.span.column) <= where[:2]
                <= (q.span.end_line, q.span.end_column)]
    assert starting, f"nothing extracted around {where[0]}:{where[1]}"
    q = min(starting, key=lambda q: q.span.end - q.span.start)
    assert figure in _squeeze(q.text), _describe(q)
    # The span may include a qualifier word before the figure (近, 约) but must end at
    # the figure's last character, and must slice the file at q.text.
    assert (q.span.end_line, q.span.end_column) == where[2:], _describe(q)
    assert text[q.span.start:q.span.end] == q.text
    assert q.span.path == str(path)


# --- the table itself ----------------------------------------------------------------

def test_table_is_well_formed() -> None:
    assert len(ROWS) >= 230
    for row in ROWS:
        label = f"{row['phrase']!r} → {row['text']!r}"
        assert row["text"] in row["phrase"], label
        assert row["kind"] in KINDS, label
        assert row["qualifier"] in QUALIFIERS or row["qualifier"] == "*", label
        if row["kind"] in ("date", "time"):
            assert row["iso"] and not row["lo"] and not row["hi"], label
        else:
            lo, hi = _decimal(row["lo"]), _decimal(row["hi"])
            assert lo is not None or hi is not None, label
            assert lo is None or hi is None or lo <= hi, label
        if row["year"]:
            assert 1900 <= int(row["year"]) <= 2100, label
    for row in NEGATIVES:
        assert row["token"] in row["phrase"], row
        for kind in filter(None, row["expect"].split(",")):
            assert kind.rstrip("?") in KINDS, row


def _source_lines(source: str) -> tuple[str, int] | None:
    """(file text, line) for a row's source, or None for constructed rows."""
    where = source.removeprefix("nfkc:")
    if where == "constructed":
        return None
    name, _, line = where.rpartition(":")
    if name.startswith("seeds/"):
        path = REPO / name
    else:
        path = shared_path("bench", name)
    return path.read_text(encoding="utf-8"), int(line)


@pytest.mark.parametrize("source_kind", ["seeds", "pd1998", "news-dev"])
def test_phrases_are_copied_verbatim(source_kind: str) -> None:
    """Every phrase is real text: it starts on the line its source names."""
    checked = 0
    for row in ROWS + NEGATIVES:
        source = row["source"]
        if source_kind not in source:
            continue
        found = _source_lines(source)
        assert found is not None
        text, line = found
        phrase = row["phrase"]
        if source.startswith("nfkc:"):
            text, phrase = (unicodedata.normalize("NFKC", s) for s in (text, phrase))
        lines = text.split("\n")
        window = "\n".join(lines[line - 1:line + 11])  # double-spaced OCR rows run long
        at = window.find(phrase)
        assert at >= 0 and "\n" not in window[:at], f"{source}: {phrase!r} not found"
        checked += 1
    assert checked > 0
