"""Recall of ``total-vs-parts`` by mutation, and its silence on value-preserving rewrites.

``bench/data/totals_cases.tsv`` lists real totals whose parts add up, found in
``../shared/bench/news-dev/`` (and ``seeds/``) and checked by reading.  For each
case this script

1. runs the check on the article as published: a finding that touches the total
   or a part is a false alarm on a correct total;
2. changes one digit of one part (its first and its last significant digit,
   each one up and one down: 290 → 390, 190, 291, 289) and counts the mutants
   on which the check reports a finding at that part (as the finding's place or
   one of its related places).  A mutant whose figures, each within the rounding
   it is written with (README "Qualifiers"), can still add up (1.55万亿 → 1.56万亿
   under 2.38万亿元: 2.385 is within both roundings) is not an error and is
   counted apart, as ``within rounding``;
3. rewrites each part without changing its value: full-width digits, 1.2万 ↔
   12000, Chinese numerals (290个 → 二百九十个); any finding on the case is a
   false alarm.

Run by hand (needs ../shared)::

    python bench/totals_mutations.py [-v]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from factlint.corpus import load_document
from factlint.model import Corpus, Finding, Quantity
from factlint.rules import CheckContext, Rule
from factlint.rules import total_vs_parts as check_module
from factlint.rules._support import interval_of
from factlint.rules.safe_eval import Interval

ROOT = Path(__file__).resolve().parents[1]
NEWS_DEV = ROOT.parent / "shared" / "bench" / "news-dev"
CASES = ROOT / "bench" / "data" / "totals_cases.tsv"
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_HALF = str.maketrans("０１２３４５６７８９．", "0123456789.")
RULE = Rule(id=check_module.NAME, type=check_module.NAME, level=check_module.DEFAULT_LEVEL,
            message=check_module.DESCRIPTION)


@dataclass(frozen=True)
class Case:
    path: Path
    line: int
    column: int | None
    total: str
    parts: tuple[str, ...]
    note: str
    #: 0 for the totals the check was built around, 1 for those listed after them
    section: int = 0


def read_cases() -> list[Case]:
    cases: list[Case] = []
    section = 0
    for row in CASES.read_text(encoding="utf-8").splitlines():
        if row.startswith("#") and cases:
            section += 1  # a comment after the first cases opens the next section
        if not row.strip() or row.startswith("#"):
            continue
        path, line, total, parts, note = row.split("\t")
        where = ROOT / path if path.startswith("seeds/") else NEWS_DEV / path.removeprefix(
            "news-dev/")
        line, _, column = line.partition(":")
        cases.append(Case(where, int(line), int(column) if column else None, total,
                          tuple(p.strip() for p in parts.split(" + ")), note, section))
    return cases


def _normal(q: Quantity) -> str:
    return "".join((q.normalized or q.text).split())


def locate(text: str, case: Case) -> tuple[Quantity, list[Quantity]]:
    """The total on the case's line and each part after it, in order."""
    quantities = load_document(str(case.path), text).quantities
    index = next(i for i, q in enumerate(quantities)
                 if q.span.line == case.line and _normal(q) == case.total
                 and case.column in (None, q.span.column))
    parts, cursor = [], index + 1
    for written in case.parts:
        while _normal(quantities[cursor]) != written:
            cursor += 1
        parts.append(quantities[cursor])
        cursor += 1
    return quantities[index], parts


def findings(text: str, case: Case) -> list[Finding]:
    document = load_document(str(case.path), text)
    return list(check_module.check(RULE, Corpus((document,)), CheckContext()))


def touches(finding: Finding, q: Quantity) -> bool:
    return any((loc.line, loc.column) == (q.span.line, q.span.column)
               for loc in (finding.location, *finding.related))


def _digit_places(surface: str) -> list[int]:
    places = [i for i, c in enumerate(surface) if c.translate(_HALF).isdigit()]
    significant = [i for i in places if surface[i].translate(_HALF) != "0"]
    return sorted({significant[0], significant[-1]}) if significant else []


def mutants(text: str, q: Quantity) -> list[tuple[str, str]]:
    """(label, text) with one digit of ``q`` moved one up or one down."""
    surface = text[q.span.start:q.span.end]
    result = []
    for place in _digit_places(surface):
        digit = int(surface[place].translate(_HALF))
        full = surface[place] != surface[place].translate(_HALF)
        for step in (1, -1):
            new = digit + step
            if not 0 <= new <= 9 or (new == 0 and place == _digit_places(surface)[0]):
                continue
            char = str(new).translate(_FULL) if full else str(new)
            changed = surface[:place] + char + surface[place + 1:]
            label = f"{surface}→{changed}"
            result.append((label, text[:q.span.start] + changed + text[q.span.end:]))
    return result


def _plain_digits(surface: str) -> str | None:
    body = surface.translate(_HALF).replace(",", "")
    digits = "".join(c for c in body if c.isdigit())
    return digits if digits and body.startswith(digits) else None


def rewrites(text: str, q: Quantity) -> list[tuple[str, str]]:
    """(label, text) with ``q`` written another way that keeps its value."""
    import cn2an

    surface = text[q.span.start:q.span.end]
    unit = q.unit or ""
    result = []
    if any(c.isdigit() and c.isascii() for c in surface):
        result.append(("full-width", surface.translate(_FULL)))
    digits = _plain_digits(surface)
    rest = surface.translate(_HALF)[len(digits):] if digits else ""
    if digits and rest.startswith(unit) and not rest.startswith(("万", "亿")):
        value = int(digits)
        if value >= 10000 and value % 1000 == 0:
            man = Decimal(value) / 10000
            result.append(("digits→万", f"{format(man.normalize(), 'f')}万{rest}"))
        if value < 10 ** 8:
            result.append(("chinese", cn2an.an2cn(str(value)) + rest))
    if q.value is not None and "万" in surface and "亿" not in surface and q.kind != "percent":
        result.append(("万→digits", f"{int(q.value)}{unit}"))
    if q.value is not None and "亿" in surface and "万" not in surface:
        result.append(("亿→digits", f"{int(q.value)}{unit}"))
    return [(f"{label}: {surface}→{new}", text[:q.span.start] + new + text[q.span.end:])
            for label, new in result]


def _sum_fits(total: Quantity, parts: list[Quantity], text: str) -> bool:
    """Whether the parts as the mutant writes them still fit the total's rounding."""
    document = load_document("m", text)
    by_place = {(q.span.line, q.span.column): q for q in document.quantities}
    result = Interval.exact(Decimal(0))
    for part in parts:
        q = by_place.get((part.span.line, part.span.column))
        if q is None or q.lo is None:
            return False
        result = result + interval_of(q)
    return result.overlaps(interval_of(total))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    if not NEWS_DEV.exists():
        sys.exit(f"{NEWS_DEV} is not available")
    started = time.perf_counter()
    cases = read_cases()
    stats = {"mutants": 0, "caught": 0, "within": 0, "within_caught": 0,
             "rewrites": 0, "rewrite_alarms": 0, "baseline_alarms": 0}
    by_direction = {"up": [0, 0], "down": [0, 0]}
    by_section = {0: [0, 0], 1: [0, 0]}
    for case in cases:
        text = case.path.read_text(encoding="utf-8")
        total, parts = locate(text, case)
        involved = [total, *parts]
        if any(touches(f, q) for f in findings(text, case) for q in involved):
            stats["baseline_alarms"] += 1
            print(f"FALSE ALARM on the published text: {case.path.name}:{case.line}")
        for part in parts:
            for label, mutant in mutants(text, part):
                hit = any(touches(f, part) for f in findings(mutant, case))
                if _sum_fits(total, parts, mutant):
                    stats["within"] += 1
                    stats["within_caught"] += hit
                    continue
                stats["mutants"] += 1
                stats["caught"] += hit
                old, new = label.split("→")
                direction = "up" if Decimal(_plain_digits(new) or 0) > Decimal(
                    _plain_digits(old) or 0) else "down"
                by_direction[direction][0] += 1
                by_direction[direction][1] += hit
                by_section[min(case.section, 1)][0] += 1
                by_section[min(case.section, 1)][1] += hit
                if args.verbose and not hit:
                    print(f"missed {case.path.name}:{case.line} {case.total}: {label}")
            for label, rewritten in rewrites(text, part):
                stats["rewrites"] += 1
                alarms = [f for f in findings(rewritten, case)
                          if any(touches(f, q) for q in involved)]
                stats["rewrite_alarms"] += bool(alarms)
                if alarms:
                    print(f"FALSE ALARM after rewrite {label} in {case.path.name}:{case.line}: "
                          f"{alarms[0].message}")
    recall = stats["caught"] / stats["mutants"] if stats["mutants"] else 0.0
    print(f"cases: {len(cases)} real totals; false alarms on the published text: "
          f"{stats['baseline_alarms']}")
    print(f"value-changing mutants: {stats['mutants']}, caught {stats['caught']} "
          f"({recall:.1%}); up {by_direction['up'][1]}/{by_direction['up'][0]}, "
          f"down {by_direction['down'][1]}/{by_direction['down'][0]}")
    for section, name in ((0, "totals it was built around"), (1, "the others")):
        mutants_, caught = by_section[section]
        if mutants_:
            print(f"  {name}: {caught}/{mutants_} ({caught / mutants_:.1%})")
    print(f"mutants within the total's rounding (not errors): {stats['within']}, "
          f"reported anyway: {stats['within_caught']}")
    print(f"value-preserving rewrites: {stats['rewrites']}, with a finding: "
          f"{stats['rewrite_alarms']}")
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
