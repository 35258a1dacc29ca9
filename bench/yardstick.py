"""Score factlint's extractor against the Microsoft Recognizers-Text Chinese specs.

The specs (MIT licensed, copied under ``../shared/bench/recognizers-zh``) are JSON arrays of
cases ``{Input, Results: [{Text, TypeName, Resolution, Start, End}], NotSupported?, ...}``
where ``End`` is inclusive.  Recognizers-Text (RT) and factlint model different things, so
a figure is compared through the mapping below; the mapping is deliberately strict about
values and lenient only about representation.

Matching an expected entity to a factlint quantity
    Every quantity factlint returns, whatever its kind, is a candidate.  Expected entities
    are paired one-to-one with the quantity whose span overlaps theirs most (ties go to the
    earlier quantity).  An entity is *found* when it has such a partner; the partner has
    the *same span* when its ``[start, end)`` equals RT's ``[Start, End + 1)``.  factlint
    attaches measure words and units to a figure (RT's NumberModel gives ``199`` for
    ``199个``, factlint gives ``199个``), so overlap, not identity, decides *found*.

Value agreement (``TypeName`` → what factlint must say)
    ``number``
        RT ``value`` equals factlint's figure: ``Quantity.value``, or ``lo`` when
        ``lo == hi`` and ``value`` is unset.  ``十余万`` → 100000 whatever the qualifier.
        A factlint percentage may also be read as the fraction it writes (``五分之一``
        reported as 20 % agrees with RT's 0.2), as RT's NumberModel resolves fractions.
    ``percentage``
        RT ``"65%"`` equals factlint's figure converted to percent by factlint's unit:
        ``%``, ``个百分点``, ``百分点`` ×1; ``成``, ``折`` ×10; ``‰`` ×0.1; ``‱`` ×0.01.
        (So ``6.5折`` may be reported as 6.5 折 or as 65 %.)  Any other unit disagrees.
    ``numberrange``
        RT ``"[20,30)"`` / ``"(,100]"`` is an interval; brackets are ignored because factlint
        does not record whether an end is inclusive.  Both ends present: factlint ``lo`` and
        ``hi`` equal them.  Lower end only (``(500,)``): factlint ``lo`` equals it and either
        ``hi`` is ``None`` or the qualifier is ``more_than``/``at_least`` (factlint may cap
        ``五百多`` below 600; its qualifier still says "more than 500").  Upper end only:
        ``hi`` equals it and ``lo`` is ``None`` or the qualifier is ``at_most``/``nearly``.
    ``currency``, ``dimension``, ``age``, ``temperature``
        RT ``value`` equals factlint's figure (as for ``number``) *and* factlint's unit,
        looked up in :data:`UNIT_NAMES`, equals RT's ``isoCurrency`` (currency) or ``unit``.
        Units of one dimension are compared as the same physical amount through
        :data:`UNIT_SCALES` (factlint folds ``12千米`` into 12000 米; RT says 12 Kilometer).
        An entity with no RT value (a bare ``人民币``) cannot agree: factlint reports figures.

    Numbers are compared as ``Decimal``.  RT prints values computed in binary floating
    point with 15 significant digits (``350.333333333333``), so an expected value of 15 or
    more significant digits agrees within a relative 1e-13.  Cases flagged
    ``IgnoreResolution`` upstream are scored on extraction only.

A case passes when every expected entity is found with an agreeing value *and* factlint
reports no extra quantity that the spec's model would have reported (:data:`MODEL_KINDS`):
an expected-empty case such as ``一看`` passes only when nothing of those kinds is found.
Cases marked ``NotSupported``/``NotSupportedByDesign`` for python (upstream expects its
Python port to fail them) are scored like the rest and also counted on their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from factlint.model import Quantity

#: The spec files the yardstick scores, relative to the recognizers-zh root.
SPEC_FILES: tuple[str, ...] = (
    "Number/NumberModel.json",
    "Number/PercentModel.json",
    "Number/NumberRangeModel.json",
    "NumberWithUnit/CurrencyModel.json",
    "NumberWithUnit/DimensionModel.json",
    "NumberWithUnit/AgeModel.json",
    "NumberWithUnit/TemperatureModel.json",
)

#: factlint unit (as written or normalised) → RT unit name or ISO currency code.
UNIT_NAMES: dict[str, str] = {
    # currency (RT isoCurrency)
    "元": "CNY", "块": "CNY", "块钱": "CNY", "人民币": "CNY", "元人民币": "CNY",
    "人民币元": "CNY", "¥": "CNY", "￥": "CNY", "CNY": "CNY", "RMB": "CNY",
    "美元": "USD", "美圆": "USD", "美金": "USD", "美刀": "USD", "USD": "USD",
    "欧元": "EUR", "EUR": "EUR", "日元": "JPY", "JPY": "JPY", "英镑": "GBP",
    "港元": "HKD", "港币": "HKD", "HKD": "HKD", "台币": "TWD", "新台币": "TWD",
    "瑞士法郎": "CHF", "奈拉": "NGN", "卢布": "RUB", "韩元": "KRW", "澳元": "AUD",
    "加元": "CAD", "澳门元": "MOP",
    "$": "Dollar", "比特币": "Bitcoin",
    # dimension (RT unit)
    "亩": "Mu", "公斤": "Kilogram", "千克": "Kilogram", "kg": "Kilogram", "克": "Gram",
    "g": "Gram", "微克": "Microgram", "吨": "Ton", "斤": "Jin", "两": "Liang",
    "公分": "Centimeter", "厘米": "Centimeter", "cm": "Centimeter", "米": "Meter",
    "m": "Meter", "千米": "Kilometer", "公里": "Kilometer", "km": "Kilometer",
    "字节": "Byte", "千字节": "Kilobyte", "兆字节": "Megabyte", "比特": "Bit",
    "千比特": "Kilobit", "位": "Bit", "赫兹": "Hertz", "兆赫兹": "Megahertz",
    "千瓦": "Kilowatt", "千卡": "Kilocalorie",
    # age (RT unit)
    "岁": "Year", "周岁": "Year", "年": "Year", "个月": "Month", "月": "Month",
    "周": "Week", "星期": "Week", "天": "Day", "日": "Day",
    # temperature (RT unit)
    "度": "Degree", "℃": "C", "°C": "C", "°c": "C", "摄氏度": "C", "°F": "F", "℉": "F",
    "华氏度": "F",
}

#: RT unit name → (base unit, factor), so that 12 Kilometer and 12000 Meter agree.
UNIT_SCALES: dict[str, tuple[str, Decimal]] = {
    "Kilometer": ("Meter", Decimal(1000)), "Centimeter": ("Meter", Decimal("0.01")),
    "Meter": ("Meter", Decimal(1)),
    "Ton": ("Gram", Decimal(1000000)), "Kilogram": ("Gram", Decimal(1000)),
    "Jin": ("Gram", Decimal(500)), "Liang": ("Gram", Decimal(50)), "Gram": ("Gram", Decimal(1)),
    "Microgram": ("Gram", Decimal("0.000001")),
    "Kilobyte": ("Byte", Decimal(1000)), "Megabyte": ("Byte", Decimal(1000000)),
    "Byte": ("Byte", Decimal(1)), "Kilobit": ("Bit", Decimal(1000)), "Bit": ("Bit", Decimal(1)),
    "Megahertz": ("Hertz", Decimal(1000000)), "Hertz": ("Hertz", Decimal(1)),
}

#: factlint unit → factor turning its figure into percent (RT's ``"65%"``).
PERCENT_FACTORS: dict[str, Decimal] = {
    "%": Decimal(1), "％": Decimal(1), "个百分点": Decimal(1), "百分点": Decimal(1),
    "成": Decimal(10), "折": Decimal(10), "‰": Decimal("0.1"), "‱": Decimal("0.01"),
}

_TEMPERATURE_UNITS = frozenset(u for u, name in UNIT_NAMES.items() if name in {"C", "F"})
_NON_NUMBER_KINDS = frozenset({"money", "percent", "date", "time"})
_PY_FLAG = re.compile(r"\bpython\b", re.IGNORECASE)
_RANGE = re.compile(r"^\s*([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])\s*$")


def _is_number_entity(q: Quantity) -> bool:
    return q.kind not in _NON_NUMBER_KINDS


def _is_measure(q: Quantity) -> bool:
    return q.kind == "measure" and (q.unit or "") not in _TEMPERATURE_UNITS


def _is_temperature(q: Quantity) -> bool:
    return q.kind == "measure" and (q.unit or "") in _TEMPERATURE_UNITS


#: Per spec file: which factlint quantities that model would have reported.  Used only to
#: count *extra* extractions; RT's NumberModel leaves ``一美元`` to the currency model, its
#: range model ignores plain exact figures, and so on.
MODEL_KINDS: dict[str, Callable[[Quantity], bool]] = {
    "NumberModel": _is_number_entity,
    "PercentModel": lambda q: q.kind == "percent",
    "NumberRangeModel": lambda q: q.kind not in {"date", "time"} and q.qualifier != "exact",
    "CurrencyModel": lambda q: q.kind == "money",
    "DimensionModel": _is_measure,
    "AgeModel": lambda q: q.kind == "age",
    "TemperatureModel": _is_temperature,
}


@dataclass(frozen=True)
class Expected:
    """One entity RT expects: its text, offsets (end exclusive) and resolution."""

    text: str
    type_name: str
    start: int
    end: int
    value: str | None
    unit: str | None = None
    iso_currency: str | None = None


@dataclass(frozen=True)
class Case:
    """One spec case."""

    input: str
    expected: tuple[Expected, ...]
    not_supported_python: bool = False
    ignore_resolution: bool = False
    index: int = 0


@dataclass(frozen=True)
class EntityResult:
    """How factlint fared on one expected entity."""

    expected: Expected
    found: Quantity | None
    same_span: bool
    value_ok: bool
    why: str  # "" when it passed, else a short reason


@dataclass(frozen=True)
class CaseResult:
    case: Case
    entities: tuple[EntityResult, ...]
    extras: tuple[Quantity, ...]

    @property
    def passed(self) -> bool:
        return not self.extras and all(e.value_ok for e in self.entities)


@dataclass(frozen=True)
class FileScore:
    """The score of one spec file (``name`` is e.g. ``Number/NumberModel.json``)."""

    name: str
    results: tuple[CaseResult, ...] = field(repr=False)

    @property
    def cases(self) -> int:
        return len(self.results)

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def entities(self) -> int:
        return sum(len(r.entities) for r in self.results)

    @property
    def found(self) -> int:
        return sum(e.found is not None for r in self.results for e in r.entities)

    @property
    def same_span(self) -> int:
        return sum(e.same_span for r in self.results for e in r.entities)

    @property
    def value_ok(self) -> int:
        return sum(e.value_ok for r in self.results for e in r.entities)

    @property
    def extras(self) -> int:
        return sum(len(r.extras) for r in self.results)

    @property
    def not_py_cases(self) -> int:
        return sum(r.case.not_supported_python for r in self.results)

    @property
    def not_py_passed(self) -> int:
        return sum(r.passed for r in self.results if r.case.not_supported_python)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.cases if self.cases else 0.0


def load_cases(path: str | Path) -> list[Case]:
    """Read a spec file; raise ``ValueError`` naming the file and case when it is malformed."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read spec file: {exc}") from exc
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a JSON array of cases")
    cases = []
    for index, item in enumerate(raw):
        try:
            flags = " ".join(str(item.get(k, "")) for k in ("NotSupported", "NotSupportedByDesign"))
            expected = tuple(_expected(r) for r in item["Results"])
            cases.append(Case(
                input=item["Input"],
                expected=expected,
                not_supported_python=bool(_PY_FLAG.search(flags)),
                ignore_resolution=bool(item.get("IgnoreResolution", False)),
                index=index,
            ))
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"{path}: case {index}: malformed ({exc!r})") from exc
    return cases


def _expected(result: dict) -> Expected:
    resolution = result.get("Resolution") or {}
    return Expected(
        text=result["Text"],
        type_name=result["TypeName"],
        start=int(result["Start"]),
        end=int(result["End"]) + 1,
        value=resolution.get("value"),
        unit=resolution.get("unit"),
        iso_currency=resolution.get("isoCurrency"),
    )


def parse_decimal(text: str) -> Decimal:
    """RT's value text as a Decimal (``"5E-06"`` and ``"-1.2732E+15"`` included)."""
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def parse_percent(text: str) -> Decimal:
    """``"65%"`` → 65; ``"6E-05%"`` → 0.00006."""
    if not text.endswith("%"):
        raise ValueError(f"not a percentage: {text!r}")
    return parse_decimal(text[:-1])


def parse_range(text: str) -> tuple[Decimal | None, Decimal | None]:
    """``"[20,30)"`` → (20, 30); ``"(,100]"`` → (None, 100); brackets are dropped."""
    match = _RANGE.match(text)
    if not match:
        raise ValueError(f"not a range: {text!r}")
    lo, hi = match.group(2), match.group(3)
    return (parse_decimal(lo) if lo else None, parse_decimal(hi) if hi else None)


def numbers_agree(expected: Decimal, actual: Decimal | None) -> bool:
    """Exact equality, or within 1e-13 relative when RT printed a 15+ digit float."""
    if actual is None:
        return False
    if expected == actual:
        return True
    digits = len(expected.as_tuple().digits)
    if digits >= 15:
        return abs(expected - actual) <= abs(expected) * Decimal("1e-13")
    return False


def figure(q: Quantity) -> Decimal | None:
    """The single figure a quantity states: ``value``, else ``lo`` of a point interval."""
    if q.value is not None:
        return q.value
    if q.lo is not None and q.lo == q.hi:
        return q.lo
    return None


def _unit_key(unit: str | None) -> str | None:
    return None if unit is None else UNIT_NAMES.get(unit.strip())


def check_value(expected: Expected, q: Quantity) -> str:
    """Why ``q`` disagrees with ``expected`` ("" when it agrees)."""
    kind = expected.type_name
    if expected.value is None:
        return "RT entity has no value"
    if kind == "numberrange":
        return _check_range(parse_range(expected.value), q)
    if kind == "percentage":
        unit = (q.unit or "").strip()
        factor = PERCENT_FACTORS.get(unit)
        if factor is None:
            return f"unit {q.unit!r} is not a percent unit"
        actual = figure(q)
        if actual is None:
            return "no single figure"
        if not numbers_agree(parse_percent(expected.value), actual * factor):
            return f"value {actual * factor}% != {expected.value}"
        return ""
    actual = figure(q)
    if actual is None:
        return "no single figure"
    wanted = parse_decimal(expected.value)
    if kind == "number":
        factor = PERCENT_FACTORS.get((q.unit or "").strip()) if q.kind == "percent" else None
        if numbers_agree(wanted, actual):
            return ""
        if factor is not None and numbers_agree(wanted, actual * factor / 100):
            return ""
        return f"value {actual} != {expected.value}"
    want = expected.iso_currency or expected.unit or ""
    got = _unit_key(q.unit)
    if got == want:
        return "" if numbers_agree(wanted, actual) else f"value {actual} != {expected.value}"
    if got in UNIT_SCALES and want in UNIT_SCALES and UNIT_SCALES[got][0] == UNIT_SCALES[want][0]:
        got_base = actual * UNIT_SCALES[got][1]
        if numbers_agree(wanted * UNIT_SCALES[want][1], got_base):
            return ""
        return f"value {actual} {got} != {expected.value} {want}"
    return f"unit {q.unit!r} ({got}) != {want}"


def _check_range(bounds: tuple[Decimal | None, Decimal | None], q: Quantity) -> str:
    lo, hi = bounds
    got = f"[{q.lo},{q.hi}] {q.qualifier}"
    if lo is not None and hi is not None:
        ok = numbers_agree(lo, q.lo) and numbers_agree(hi, q.hi)
    elif lo is not None:
        ok = numbers_agree(lo, q.lo) and (q.hi is None or q.qualifier in {"more_than", "at_least"})
    elif hi is not None:
        ok = numbers_agree(hi, q.hi) and (q.lo is None or q.qualifier in {"at_most", "nearly"})
    else:
        return "RT range has no bounds"
    return "" if ok else f"interval {got} != ({lo},{hi})"


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def score_case(case: Case, quantities: Sequence[Quantity], model: str) -> CaseResult:
    """Pair expected entities with factlint's quantities and judge each pair."""
    taken: set[int] = set()
    entities = []
    for exp in case.expected:
        best, best_overlap = None, 0
        for i, q in enumerate(quantities):
            if i in taken:
                continue
            overlap = _overlap(exp.start, exp.end, q.span.start, q.span.end)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            entities.append(EntityResult(exp, None, False, False, "not found"))
            continue
        taken.add(best)
        q = quantities[best]
        same = (q.span.start, q.span.end) == (exp.start, exp.end)
        why = "" if case.ignore_resolution else check_value(exp, q)
        entities.append(EntityResult(exp, q, same, not why, why))
    claims = MODEL_KINDS.get(model, lambda q: True)
    extras = tuple(q for i, q in enumerate(quantities) if i not in taken and claims(q))
    return CaseResult(case, tuple(entities), extras)


def _default_extract(text: str) -> list[Quantity]:
    from factlint import extract  # imported late: the yardstick must load without it

    return extract(text)


def score_file(
    path: str | Path,
    extract: Callable[[str], Sequence[Quantity]] | None = None,
    name: str | None = None,
) -> FileScore:
    """Score one spec file; ``extract`` defaults to :func:`factlint.extract`."""
    path = Path(path)
    run = extract or _default_extract
    model = path.stem
    results = tuple(score_case(c, list(run(c.input)), model) for c in load_cases(path))
    return FileScore(name or f"{path.parent.name}/{path.name}", results)


def score_all(
    root: str | Path,
    extract: Callable[[str], Sequence[Quantity]] | None = None,
    files: Iterable[str] = SPEC_FILES,
) -> list[FileScore]:
    """Score every file of :data:`SPEC_FILES` under ``root`` (the recognizers-zh folder)."""
    root = Path(root)
    missing = [f for f in files if not (root / f).is_file()]
    if missing:
        raise ValueError(f"{root}: spec files missing: {', '.join(missing)}")
    return [score_file(root / f, extract, name=f) for f in files]


def overall_pass_rate(scores: Sequence[FileScore]) -> float:
    cases = sum(s.cases for s in scores)
    return sum(s.passed for s in scores) / cases if cases else 0.0


TABLE_HEADERS: tuple[str, ...] = (
    "spec file", "cases", "passed", "pass rate", "entities", "found", "same span",
    "value ok", "extra", "not-py passed",
)


def table_rows(scores: Sequence[FileScore]) -> list[list[str]]:
    """One row per file plus a total row, all cells as text."""
    def row(name: str, items: Sequence[FileScore]) -> list[str]:
        cases = sum(s.cases for s in items)
        passed = sum(s.passed for s in items)
        np_cases = sum(s.not_py_cases for s in items)
        np_passed = sum(s.not_py_passed for s in items)
        rate = f"{100 * passed / cases:.1f}%" if cases else "-"
        return [
            name, str(cases), str(passed), rate, str(sum(s.entities for s in items)),
            str(sum(s.found for s in items)), str(sum(s.same_span for s in items)),
            str(sum(s.value_ok for s in items)), str(sum(s.extras for s in items)),
            f"{np_passed}/{np_cases}",
        ]

    return [row(s.name, [s]) for s in scores] + [row("total", scores)]


def render_table(scores: Sequence[FileScore], fmt: str = "github") -> str:
    """The score table (``fmt`` is a tabulate format; ``github`` gives markdown)."""
    from tabulate import tabulate

    return tabulate(table_rows(scores), headers=TABLE_HEADERS, tablefmt=fmt,
                    disable_numparse=True)


def failure_lines(scores: Sequence[FileScore]) -> list[str]:
    """One line per failed case: file, input, and what went wrong with each entity."""
    lines = []
    for score in scores:
        for r in score.results:
            if r.passed:
                continue
            parts = []
            for e in r.entities:
                if e.value_ok:
                    continue
                got = "-" if e.found is None else (
                    f"{e.found.text!r} {e.found.kind} v={e.found.value} "
                    f"[{e.found.lo},{e.found.hi}] {e.found.unit}")
                unit = e.expected.iso_currency or e.expected.unit
                want = f"{e.expected.text!r}={e.expected.value}" + (f" {unit}" if unit else "")
                parts.append(f"want {want} got {got}: {e.why}")
            parts += [f"extra {q.text!r} {q.kind} v={q.value}" for q in r.extras]
            flag = " [not-py]" if r.case.not_supported_python else ""
            lines.append(f"{score.name}#{r.case.index}{flag} {r.case.input[:40]!r}: "
                         + "; ".join(parts))
    return lines
