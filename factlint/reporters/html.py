"""HTML for the desk editor: each conflict with its versions side by side.

One self-contained file (inline CSS and JavaScript, nothing fetched): a summary of
files and findings by rule and level, filters by level and rule, then one card per
*finding group* (the findings placed at one figure).  A card shows the sentence of
every version involved side by side, the figures highlighted and linked to each
other, the characters that differ marked (Chinese has no word boundaries, so the
diff is by character: :class:`difflib.SequenceMatcher` on the two sentences), and an
interval chart (inline SVG) that shows why the readings disagree ([400, 500] against
[4400, 4500]) or agree within rounding.  ``j``/``k`` move between findings; the print
stylesheet drops the controls and keeps cards whole on a page.

Rendered with Jinja2 with autoescaping on: every text from the corpus reaches the
page escaped.  The same findings and excerpts always give the same bytes.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ..claims.agree import agreement, describe, format_decimal
from ..claims.excerpt import Excerpt, PlaceKey, document_excerpts, place_key
from ..model import Document, Finding, Location, Quantity, RuleInfo
from . import LEVELS_BY_SEVERITY, sorted_findings, summarize

__all__ = ["render", "char_diff", "excerpts_for", "interval_chart"]

#: Width and row height of the interval chart, in SVG user units.
CHART_WIDTH, CHART_ROW, CHART_LABEL = 640, 26, 150


@dataclass(frozen=True)
class Segment:
    """A run of a sentence: ``kind`` is ``same``, ``changed`` (differs from the other
    version) or ``figure`` (the figure itself, which may differ too)."""

    kind: str
    text: str
    changed: bool = False


@dataclass(frozen=True)
class Version:
    """One column of a card: a place, its sentence in segments, and its reading."""

    anchor: str
    location: Location
    role: str  # "flagged" or "compared"
    segments: tuple[Segment, ...]
    reading: str
    has_sentence: bool
    next_anchor: str = ""  # the same figure in the next version (the last links the first)


def _folded(text: str) -> list[str]:
    return [unicodedata.normalize("NFKC", c) for c in text]


#: Above this many character pairs (two sentences of 1,500 characters: an OCR table with no
#: sentence end) the diff marks only what lies between the common start and end, in
#: linear time, instead of running SequenceMatcher, which is quadratic at worst.
DIFF_BUDGET = 1500 * 1500


def char_diff(a: str, b: str) -> tuple[list[bool], list[bool]]:
    """For each character of ``a`` and of ``b``: does it differ from the other text?

    :class:`difflib.SequenceMatcher` without its junk heuristic (which would treat
    frequent characters such as 的 as junk) is what a reader expects of sentences.
    """
    # Width variants (，and , ；and ;) are the same character to a reader: compare the
    # NFKC form of each character, which keeps offsets one to one.
    fa, fb = _folded(a), _folded(b)
    a_changed, b_changed = [True] * len(a), [True] * len(b)
    if len(a) * len(b) > DIFF_BUDGET:
        head = 0
        while head < min(len(a), len(b)) and fa[head] == fb[head]:
            head += 1
        tail = 0
        while tail < min(len(a), len(b)) - head and fa[-1 - tail] == fb[-1 - tail]:
            tail += 1
        blocks = [(0, 0, head), (len(a) - tail, len(b) - tail, tail)]
    else:
        matcher = difflib.SequenceMatcher(None, fa, fb, autojunk=False)
        blocks = [tuple(block) for block in matcher.get_matching_blocks()]
    for a_start, b_start, size in blocks:
        for i in range(size):
            a_changed[a_start + i] = False
            b_changed[b_start + i] = False
    return a_changed, b_changed


def _segments(excerpt: Excerpt, changed: Sequence[bool]) -> tuple[Segment, ...]:
    """The sentence cut where the figure starts and ends and where differences do."""
    text = excerpt.sentence
    segments: list[Segment] = []
    for start, end, kind in ((0, excerpt.start, "same"), (excerpt.start, excerpt.end, "figure"),
                             (excerpt.end, len(text), "same")):
        i = start
        while i < end:
            j = i
            while j < end and changed[j] == changed[i]:
                j += 1
            if kind == "figure":
                segments.append(Segment("figure", text[i:j], changed[i]))
            else:
                segments.append(Segment("changed" if changed[i] else "same", text[i:j]))
            i = j
    return tuple(segments)


def _reading(q: Quantity | None) -> str:
    return describe(q) if q is not None else ""


def _bounds(q: Quantity) -> tuple[Decimal | None, Decimal | None]:
    return q.lo, q.hi


def _scale(values: Sequence[Decimal]) -> tuple[Decimal, Decimal, bool]:
    """Axis start, end and whether it is logarithmic (readings orders of magnitude apart)."""
    lo, hi = min(values), max(values)
    logarithmic = lo > 0 and hi / lo >= 100
    if logarithmic:
        return lo.log10() - Decimal("0.1"), hi.log10() + Decimal("0.1"), True
    pad = (hi - lo) / 10 or (abs(hi) / 10) or Decimal(1)
    start = lo - pad
    if lo >= 0 > start:
        start = Decimal(0)
    return start, hi + pad, False


def _x(value: Decimal, start: Decimal, end: Decimal, logarithmic: bool) -> str:
    if logarithmic:
        value = value.log10() if value > 0 else start
    width = CHART_WIDTH - CHART_LABEL - 20
    position = CHART_LABEL + (value - start) / (end - start) * width
    return format(position.quantize(Decimal("0.1")), "f")


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    x: str
    width: str
    wx: str  # widened by the precision of the last written digit
    wwidth: str
    text_x: str
    text_anchor: str
    text: str
    role: str


@dataclass(frozen=True)
class Chart:
    height: int
    bars: tuple[Bar, ...]
    axis: tuple[tuple[str, str], ...]  # (x, label) ticks
    logarithmic: bool
    verdicts: tuple[tuple[str, bool], ...]  # (sentence, agrees)


def interval_chart(flagged: Quantity, others: Sequence[Quantity], labels: Sequence[str]
                   ) -> Chart | None:
    """The readings of ``flagged`` and ``others`` on one axis, or None if not amounts."""
    readings = [flagged, *others]
    if any(q.iso is not None or (q.lo is None and q.hi is None) for q in readings):
        return None
    ends = [v for q in readings for v in (*q.widened(), q.lo, q.hi) if v is not None]
    start, end, logarithmic = _scale(ends)
    bars = []
    for row, (q, label) in enumerate(zip(readings, labels, strict=True)):
        lo, hi = _bounds(q)
        w_lo, w_hi = q.widened()
        x1 = _x(lo, start, end, logarithmic) if lo is not None else str(CHART_LABEL)
        x2 = _x(hi, start, end, logarithmic) if hi is not None else str(CHART_WIDTH - 20)
        wx1 = _x(w_lo, start, end, logarithmic) if w_lo is not None else x1
        wx2 = _x(w_hi, start, end, logarithmic) if w_hi is not None else x2
        # The reading is written after the bar, or before it when the bar ends near the edge.
        after, before = Decimal(x2) + 4, Decimal(x1) - 4
        text_x, anchor = ((after, "start") if after <= CHART_WIDTH - 170 else (before, "end"))
        bars.append(Bar(label, 10 + row * CHART_ROW, x1, _width(x1, x2), wx1, _width(wx1, wx2),
                        format(text_x, "f"), anchor, _interval_text(q),
                        "flagged" if row == 0 else "compared"))
    axis = tuple(_tick(t, start, end, logarithmic) for t in (start, (start + end) / 2, end))
    verdicts = []
    mine = f"{_written(flagged)} {_interval_text(flagged)}"
    for q, label in zip(others, labels[1:], strict=True):
        verdict = agreement(flagged, q)
        theirs = f"{_written(q)} {_interval_text(q)} at {label}"
        if verdict.agrees:
            words = (f"{mine} and {theirs} overlap once rounding is allowed for: "
                     f"they can both be true")
        else:
            words = f"{mine} and {theirs} do not overlap: they cannot both be true"
        verdicts.append((words, verdict.agrees))
    height = 10 + len(readings) * CHART_ROW + 24
    return Chart(height, tuple(bars), axis, logarithmic, tuple(verdicts))


def _tick(t: Decimal, start: Decimal, end: Decimal, logarithmic: bool) -> tuple[str, str]:
    """An axis tick at ``t`` (a log10 on a logarithmic axis), labelled to a sensible digit."""
    value = 10 ** t if logarithmic else t
    span = value if logarithmic else end - start
    digit = Decimal(1).scaleb(span.adjusted() - 1) if span > 0 else Decimal(1)
    rounded = (value.quantize(digit) if digit < 1
               else (value / digit).quantize(Decimal(1)) * digit)
    return _x(rounded, start, end, logarithmic), format_decimal(rounded)


def _written(q: Quantity) -> str:
    return " ".join((q.normalized or q.text).split())


def _width(x1: str, x2: str) -> str:
    """A bar's width, at least 2 units so a single value shows as a tick."""
    return format(max(Decimal(x2) - Decimal(x1), Decimal(2)), "f")


def _interval_text(q: Quantity) -> str:
    lo = "−∞" if q.lo is None else format_decimal(q.lo)
    hi = "∞" if q.hi is None else format_decimal(q.hi)
    unit = f" {q.unit}" if q.unit else ""
    if q.lo is not None and q.lo == q.hi:
        precision = f" ± {format_decimal(q.precision)}" if q.precision else ""
        return f"{lo}{precision}{unit}"
    return f"[{lo}, {hi}]{unit}"


def _where(loc: Location) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}"


@dataclass(frozen=True)
class Card:
    anchor: str
    title: str
    levels: tuple[str, ...]
    rules: tuple[str, ...]
    findings: tuple[Finding, ...]
    versions: tuple[Version, ...]
    chart: Chart | None


def _card(number: int, findings: Sequence[Finding],
          excerpts: Mapping[PlaceKey, Excerpt]) -> Card:
    flagged = findings[0].location
    anchor = f"finding-{number}"
    places: dict[PlaceKey, Location] = {}
    for finding in findings:
        for related in finding.related:
            places.setdefault(place_key(related), related)
    places.pop(place_key(flagged), None)
    compared = list(places.values())
    main = excerpts.get(place_key(flagged))
    reference = excerpts.get(place_key(compared[0])) if compared else None
    versions: list[Version] = []
    main_changed: list[bool] = []
    if main is not None:
        main_changed = (char_diff(main.sentence, reference.sentence)[0] if reference
                        else [False] * len(main.sentence))
    for index, loc in enumerate(compared):
        found = excerpts.get(place_key(loc))
        if found is None:
            versions.append(Version(f"{anchor}-v{index + 1}", loc, "compared",
                                    (Segment("figure", loc.text),), "", False))
            continue
        changed = (char_diff(main.sentence, found.sentence)[1] if main
                   else [False] * len(found.sentence))
        versions.append(Version(f"{anchor}-v{index + 1}", loc, "compared",
                                _segments(found, changed), _reading(found.quantity), True))
    if main is not None:
        versions.append(Version(f"{anchor}-v0", flagged, "flagged",
                                _segments(main, main_changed), _reading(main.quantity), True))
    else:
        versions.append(Version(f"{anchor}-v0", flagged, "flagged",
                                (Segment("figure", flagged.text),), "", False))
    count = len(versions)
    versions = [replace(v, next_anchor=versions[(i + 1) % count].anchor)
                for i, v in enumerate(versions)]
    chart = None
    if main is not None and main.quantity is not None:
        others = [(excerpts.get(place_key(loc)), loc) for loc in compared]
        readings = [(e.quantity, loc) for e, loc in others if e and e.quantity is not None]
        if readings:
            chart = interval_chart(main.quantity, [q for q, _ in readings],
                                   [_where(flagged), *(_where(loc) for _, loc in readings)])
    levels = tuple(sorted(dict.fromkeys(f.level for f in findings),
                          key=LEVELS_BY_SEVERITY.index))  # the most severe first
    rules = tuple(dict.fromkeys(f.rule for f in findings))
    title = f"{_where(flagged)} {' '.join(flagged.text.split())}"
    return Card(anchor, title, levels, rules, tuple(findings), tuple(versions), chart)


def _groups(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Findings placed at one figure, in report order (the first finding's place)."""
    groups: dict[PlaceKey, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(place_key(finding.location), []).append(finding)
    return list(groups.values())


def excerpts_for(findings: Sequence[Finding], documents: Sequence[Document],
                 known: Mapping[PlaceKey, Excerpt] | None = None) -> dict[PlaceKey, Excerpt]:
    """The excerpt of every place ``findings`` point at: from ``documents``, else ``known``
    (the published sentences a ledger check cited)."""
    places = [place for f in findings for place in (f.location, *f.related)]
    return {**(known or {}), **document_excerpts(documents, places)}


def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("factlint.reporters", "templates"),
        autoescape=True,  # every text of the corpus is escaped, whatever the template says
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(findings: Sequence[Finding], rules: Mapping[str, RuleInfo], *,
           excerpts: Mapping[PlaceKey, Excerpt] | None = None,
           title: str = "factlint report", checked: Sequence[str] = ()) -> str:
    """The HTML report of ``findings``; ``excerpts`` give each place's sentence.

    Without excerpts the cards show the figures as written and no sentences.
    ``checked`` names the files that were checked, for the summary.
    """
    ordered = sorted_findings(findings)
    summary = summarize(ordered)
    excerpts = excerpts or {}
    cards = [_card(i + 1, group, excerpts) for i, group in enumerate(_groups(ordered))]
    flagged = Counter(f.location.path for f in ordered)
    files = [(path, flagged[path]) for path in
             sorted({loc.path for f in ordered for loc in (f.location, *f.related)})]
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=title, summary=summary, levels=LEVELS_BY_SEVERITY, cards=cards, files=files,
        rules=rules, rule_ids=sorted(set(rules) | set(summary["by_rule"])),
        checked=sorted(checked),
        chart_width=CHART_WIDTH, chart_label=CHART_LABEL)
