"""Accuracy of ``factlint diff``: precision and recall of changed-value findings.

Builds pairs of versions of real People's Daily 1998 text
(../shared/bench/pd1998-sample.txt, one sentence a line).  The new version gets

* value-changing edits of randomly chosen figures (the ground truth): a digit typo,
  an inserted digit, a dropped digit, 万 ↔ 亿, a magnitude slip (decimal point moved
  or 万 added);
* value-preserving rewrites of other figures: full width (４００), spaces and line
  breaks inside the number, numeral script (cn2an.an2cn: 212名 → 二百一十二名), 万
  written out (1.8万 → 18000);
* edits of everything around them: sentences deleted, inserted from elsewhere and
  moved, a character of context reworded, commas turned into semicolons (which splits
  sentences differently), and the whole text reflowed into OCR-width lines that break
  inside words and numbers.

A changed-value finding is a true positive when its old-side figure is one that was
edited to change its value.  Run by hand::

    python bench/diff_mutations.py [--pairs 40] [--lines 400] [--seed 1]

Deterministic for a given seed.  The functions are also used by tests/test_diff.py
on text copied into tests/data/diff/.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from factlint import parse
from factlint.corpus import load_document
from factlint.model import Quantity
from factlint.versions.diff import CHANGED_VALUE, diff_documents, figure_of

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "bench" / "pd1998-sample.txt"
_DIGITS = "0123456789"
_FULL = str.maketrans(_DIGITS, "０１２３４５６７８９")
_EDITABLE_KINDS = {"count", "money", "percent", "measure", "age", "duration", "date"}
_CONTEXT_FILLER = "的了在是和有这"


@dataclass
class Pair:
    old: str
    new: str
    #: Start offsets (in ``old``) of the figures whose value was changed.
    changed: set[int] = field(default_factory=set)
    #: How many figures got each kind of edit.
    edits: dict[str, int] = field(default_factory=dict)


def _count(edits: dict[str, int], name: str) -> None:
    edits[name] = edits.get(name, 0) + 1


def _reads_as(text: str) -> Quantity | None:
    try:
        return parse(text)
    except ValueError:
        return None


def _value_change(rng: random.Random, text: str) -> tuple[str, str] | None:
    """A rewrite of figure ``text`` that changes its value, and its name."""
    positions = [k for k, c in enumerate(text) if c in _DIGITS]
    options = []
    if positions:
        options += ["typo", "insert"]
        if len(positions) >= 2:
            options.append("drop")
    if "万" in text or "亿" in text:
        options.append("wan-yi")
    options.append("magnitude")
    for _ in range(6):
        kind = rng.choice(options)
        if kind == "typo" and positions:
            k = rng.choice(positions)
            digit = rng.choice([d for d in _DIGITS if d != text[k]
                                and not (d == "0" and k == positions[0])])
            new = text[:k] + digit + text[k + 1:]
        elif kind == "insert" and positions:
            k = rng.choice(positions)
            new = text[:k + 1] + rng.choice(_DIGITS) + text[k + 1:]
        elif kind == "drop":
            k = rng.choice(positions[1:]) if text[positions[1]] == "0" else rng.choice(positions)
            new = text[:k] + text[k + 1:]
        elif kind == "wan-yi":
            new = text.replace("万", "亿") if "万" in text else text.replace("亿", "万")
        elif kind == "magnitude" and positions:
            dot = text.find(".")
            if dot > 0:
                new = text[:dot] + text[dot + 1:dot + 2] + "." + text[dot + 2:] \
                    if dot + 2 < len(text) and text[dot + 2] in _DIGITS else \
                    text[:dot] + text[dot + 1:]
            elif "万" not in text and "亿" not in text and "年" not in text:
                last = positions[-1]
                new = text[:last + 1] + "万" + text[last + 1:]
            else:
                continue
        else:
            continue
        before, after = _reads_as(text), _reads_as(new)
        if before is not None and after is not None and after.kind == before.kind \
                and figure_of(after) != figure_of(before):
            return new, kind
    return None


def _value_keep(rng: random.Random, q: Quantity) -> tuple[str, str] | None:
    """A rewrite of ``q`` that keeps its value, and its name."""
    from cn2an import an2cn

    text = q.text
    positions = [k for k, c in enumerate(text) if c in _DIGITS]
    if not positions:
        return None
    options = ["width", "spacing"]
    digits_only = text[positions[0]:positions[-1] + 1]
    if q.kind in ("count", "money") and digits_only.isdigit() and positions[0] == 0 \
            and "万" not in text and "亿" not in text and len(digits_only) <= 8:
        options.append("script")
    if ("万" in text or "亿" in text) and q.value is not None \
            and q.value == q.value.to_integral_value() and q.kind in ("count", "money"):
        options.append("wan")
    kind = rng.choice(options)
    if kind == "width":
        new = text.translate(_FULL)
    elif kind == "spacing":
        if len(positions) < 2:
            new = text[:positions[0]] + " " + text[positions[0]:]
        else:
            k = rng.choice(positions[1:])
            new = text[:k] + rng.choice([" ", "\n", " \n"]) + text[k:]
    elif kind == "script":
        new = an2cn(digits_only) + text[positions[-1] + 1:]
    else:
        mult = "万" if "万" in text else "亿"
        cut = text.index(mult)
        assert q.value is not None
        new = str(int(q.value)) + text[cut + 1:]
        if any(c in _DIGITS for c in text[:positions[0]]):
            return None
        new = text[:positions[0]] + new
    after = _reads_as(new)
    if after is None or figure_of(after) != figure_of(q):
        return None
    return new, kind


def _reword(rng: random.Random, line: str, protected: list[tuple[int, int]]) -> str:
    """Change one character of context that is not part of a figure."""
    free = [k for k, c in enumerate(line)
            if "\u4e00" <= c <= "\u9fff" and not any(a - 1 <= k < b + 1 for a, b in protected)]
    if not free:
        return line
    k = rng.choice(free)
    return line[:k] + rng.choice(_CONTEXT_FILLER) + line[k + 1:]


#: Characters of figures: ``words`` reflow never breaks a line next to one.
_FIGURE_CHARS = frozenset(
    "0123456789０１２３４５６７８９零〇一二三四五六七八九十百千万亿两"
    ".．·／/%％年月日号时分秒点余多近数几至"
    "上下午晚早凌晨中傍")  # 上午 晚上 凌晨: the extractor reads them with the time


def _reflow(rng: random.Random, text: str, mode: str) -> str:
    """OCR-width lines of 20–40 characters.

    ``anywhere`` breaks inside words and numbers alike, as OCR does; ``words`` moves a
    break off figures and their units (the value-preserving rewrites still put line
    breaks inside Arabic numbers), which separates the engine's accuracy from the
    extractor's reading of Chinese numerals, dates and units broken across lines.
    """
    flat = text.replace("\n", "")
    out = []
    k = 0
    while k < len(flat):
        end = k + rng.randint(20, 40)
        if mode == "words":
            # Nor just after one: a unit (公斤, 美元, 平方公里) follows a figure.
            while end < len(flat) and (any(c in _FIGURE_CHARS for c in flat[end - 4:end])
                                       or flat[end] in _FIGURE_CHARS):
                end += 1
        out.append(flat[k:end])
        k = end
    return "\n".join(out)


def make_pair(lines: list[str], extra: list[str], rng: random.Random, *,
              change_rate: float = 0.1, keep_rate: float = 0.3,
              reflow: str = "words") -> Pair:
    """Two versions of ``lines`` (one sentence a line); ``extra`` supplies inserted lines."""
    old = "\n".join(lines) + "\n"
    doc = load_document("old.txt", old)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    per_line: list[list[Quantity]] = [[] for _ in lines]
    for q in doc.quantities:
        if q.span.line - 1 < len(lines) and q.span.end_line == q.span.line:
            per_line[q.span.line - 1].append(q)

    pair = Pair(old, "")
    new_lines: list[str] = []
    changed_by_line: list[set[int]] = []
    for n, line in enumerate(lines):
        edits: list[tuple[int, int, str]] = []
        changed: set[int] = set()
        for q in per_line[n]:
            if q.kind not in _EDITABLE_KINDS:
                continue
            a, b = q.span.start - starts[n], q.span.end - starts[n]
            roll = rng.random()
            if roll < change_rate:
                result = _value_change(rng, q.text)
                if result is not None:
                    edits.append((a, b, result[0]))
                    changed.add(q.span.start)
                    _count(pair.edits, "change:" + result[1])
            elif roll < change_rate + keep_rate:
                result = _value_keep(rng, q)
                if result is not None:
                    edits.append((a, b, result[0]))
                    _count(pair.edits, "keep:" + result[1])
        protected = [(a, b) for a, b, _ in edits] + [
            (q.span.start - starts[n], q.span.end - starts[n]) for q in per_line[n]]
        if rng.random() < 0.05:
            line = _reword(rng, line, protected)
            _count(pair.edits, "context:reword")
        for a, b, text in sorted(edits, reverse=True):
            line = line[:a] + text + line[b:]
        if rng.random() < 0.05 and "，" in line:
            k = rng.choice([m for m, c in enumerate(line) if c == "，"])
            line = line[:k] + "；" + line[k + 1:]
            _count(pair.edits, "context:semicolon")
        new_lines.append(line)
        changed_by_line.append(changed)

    # Sentences deleted, inserted and moved (a changed figure in a deleted line is gone).
    order = list(range(len(lines)))
    for _ in range(max(1, len(lines) // 50)):
        victim = rng.randrange(len(order))
        order.pop(victim)
        _count(pair.edits, "structure:delete")
    for _ in range(max(1, len(lines) // 100)):
        k = rng.randrange(len(order))
        item = order.pop(k)
        order.insert(rng.randrange(len(order) + 1), item)
        _count(pair.edits, "structure:move")
    result_lines: list[str] = []
    for item in order:
        result_lines.append(new_lines[item])
        pair.changed |= changed_by_line[item]
        if extra and rng.random() < 0.02:
            result_lines.append(rng.choice(extra))
            _count(pair.edits, "structure:insert")
    new = "\n".join(result_lines) + "\n"
    pair.new = _reflow(rng, new, reflow) if reflow != "none" else new
    return pair


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    missed: int = 0
    false_examples: list[str] = field(default_factory=list)
    missed_examples: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        total = self.true_positive + self.missed
        return self.true_positive / total if total else 1.0


def score_pair(pair: Pair, score: Score) -> None:
    """Diff ``pair`` and add its changed-value hits and misses to ``score``."""
    old = load_document("old.txt", pair.old)
    new = load_document("new.txt", pair.new)
    found: set[int] = set()
    for change in diff_documents(old, new):
        if change.rule != CHANGED_VALUE:
            continue
        assert change.old is not None and change.new is not None
        if change.old.span.start in pair.changed:
            found.add(change.old.span.start)
            score.true_positive += 1
        else:
            score.false_positive += 1
            score.false_examples.append(
                f"{change.old.text!r} (old {change.old.span.line}:{change.old.span.column})"
                f" → {change.new.text!r} (new {change.new.span.line}:{change.new.span.column})")
    missed = pair.changed - found
    score.missed += len(missed)
    for q in old.quantities:
        if q.span.start in missed:
            score.missed_examples.append(f"{q.text!r} (old {q.span.line}:{q.span.column})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--lines", type=int, default=400, help="sentences per version")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--reflow", choices=("words", "anywhere", "none"), default="words",
                        help="how the new version is reflowed (see _reflow)")
    parser.add_argument("--show", type=int, default=10, help="false positives to list")
    args = parser.parse_args(argv)
    if not args.sample.exists():
        print(f"{args.sample}: not found", file=sys.stderr)
        return 2
    lines = [line for line in args.sample.read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(args.seed)
    score = Score()
    edits: dict[str, int] = {}
    began = time.perf_counter()
    for _ in range(args.pairs):
        start = rng.randrange(len(lines) - args.lines)
        chunk = lines[start:start + args.lines]
        other = rng.randrange(len(lines) - 50)
        pair = make_pair(chunk, lines[other:other + 50], rng, reflow=args.reflow)
        for name, count in pair.edits.items():
            edits[name] = edits.get(name, 0) + count
        score_pair(pair, score)
    elapsed = time.perf_counter() - began
    print(f"pairs: {args.pairs} of {args.lines} sentences, seed {args.seed}, "
          f"reflow {args.reflow}, "
          f"{elapsed:.1f} s")
    print("edits: " + ", ".join(f"{name} {count}" for name, count in sorted(edits.items())))
    print(f"changed values: {score.true_positive + score.missed} injected, "
          f"{score.true_positive} found, {score.missed} missed, "
          f"{score.false_positive} false")
    print(f"precision {score.precision:.4f}  recall {score.recall:.4f}")
    for example in score.false_examples[:args.show]:
        print("  false:", example.replace("\n", "⏎"))
    for example in score.missed_examples[:args.show]:
        print("  missed:", example.replace("\n", "⏎"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
