"""Recall of the ``restatement`` check, by mutation of real restatements.

Run by hand (not a test); figures go into the README:

    python bench/restatement_mutations.py            # every entry, seed 1
    python bench/restatement_mutations.py --seed 2 --json

``bench/restatements.tsv`` lists figures of ``../shared/bench/news-dev`` that restate
another figure of their article (a headline or sub-headline restated in the body, a
lead restated later, an anaphor), each found and verified by reading the article.
For each entry the script rewrites that one figure in place and runs the check on the
changed article alone:

* **value-changing edits** (the check must fire on the changed figure): a digit
  changed, two adjacent digits swapped, a digit inserted, a digit dropped, 万 ↔ 亿,
  and for Chinese numerals one numeral character changed (两 → 三).  An edit that
  still agrees with the figure it restates (超1300亿元 restated as 1370.6亿元 → 1376.6亿元)
  is not an error and is not counted;
* **value-preserving rewrites** (the check must stay silent on the whole article):
  full-width digits (１３１２亿元), 万/亿 written out (1312亿元 → 131200000000元, 1.2万 →
  12000) and back, Arabic digits as Chinese numerals (706件 → 七百零六件) and back.

Recall is the share of counted value-changing edits after which a ``restatement``
finding points at the changed figure (as its location or its related location).
Goals (issue 10): recall at least 80%, and no finding after a value-preserving rewrite.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS_DEV = REPO.parent / "shared" / "bench" / "news-dev"
DATA = REPO / "bench" / "restatements.tsv"
RECALL_GOAL = 0.80

_CN_DIGITS = "零一二三四五六七八九"
_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _digit_positions(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch.isdigit()]


def value_changing(text: str, rng: random.Random) -> dict[str, str]:
    """One edit of each kind that applies to the figure as written."""
    edits: dict[str, str] = {}
    digits = _digit_positions(text)
    if digits:
        i = rng.choice(digits)
        new = str((int(text[i]) + rng.randint(1, 9)) % 10)
        if not (i == digits[0] and new == "0"):
            edits["digit changed"] = text[:i] + new + text[i + 1:]
        swaps = [i for i in digits[:-1] if i + 1 in digits and text[i] != text[i + 1]
                 and not (i == digits[0] and text[i + 1] == "0")]  # no leading zero
        if swaps:
            j = rng.choice(swaps)
            edits["digits swapped"] = text[:j] + text[j + 1] + text[j] + text[j + 2:]
        k = rng.choice(digits)
        edits["digit inserted"] = text[:k + 1] + str(rng.randint(0, 9)) + text[k + 1:]
        if len(digits) >= 2:
            m = rng.choice(digits[1:])
            dropped = text[:m] + text[m + 1:]
            edits["digit dropped"] = re.sub(r"\.(?![0-9])", "", dropped)  # 1.6亿 → 1亿, not 1.亿
    if "万" in text and "亿" not in text:
        edits["万 → 亿"] = text.replace("万", "亿", 1)
    elif "亿" in text and "万" not in text:
        edits["亿 → 万"] = text.replace("亿", "万", 1)
    numerals = [i for i, ch in enumerate(text) if ch in "一二两三四五六七八九十"]
    if numerals and not digits:
        i = rng.choice(numerals)
        choices = [d for d in "二三四五六七八九" if d != text[i]]
        edits["numeral changed"] = text[:i] + rng.choice(choices) + text[i + 1:]
    return edits


def value_preserving(text: str) -> dict[str, str]:
    """Rewrites of the figure that keep its value."""
    import cn2an

    rewrites: dict[str, str] = {}
    if _digit_positions(text):
        rewrites["full-width digits"] = text.translate(_FULL)
    match = re.search(r"([0-9]+(?:\.[0-9]+)?)([万亿]+)", text)
    if match and "万亿" not in match.group(2):
        factor = Decimal(10) ** (4 * match.group(2).count("万") + 8 * match.group(2).count("亿"))
        value = Decimal(match.group(1)) * factor
        if value == value.to_integral_value():
            rewrites["万/亿 written out"] = (text[:match.start()] + str(int(value))
                                           + text[match.end():])
    plain = re.search(r"(?<![0-9.])([0-9]{1,4})(?![0-9.万亿])", text)
    if plain and not match:
        rewrites["Chinese numerals"] = (text[:plain.start()] + cn2an.an2cn(plain.group(1))
                                        + text[plain.end():])
    chinese = re.search(r"[零一二两三四五六七八九十百千]+", text)
    if chinese and not _digit_positions(text):
        try:
            arabic = cn2an.cn2an(chinese.group().replace("两", "二"), "strict")
            rewrites["Arabic digits"] = (text[:chinese.start()] + str(int(arabic))
                                         + text[chinese.end():])
        except ValueError:
            pass
    return rewrites


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return starts[line - 1] + column - 1


def findings_for(path: str, text: str):
    from factlint.corpus import load_document
    from factlint.model import Corpus
    from factlint.rules import CheckContext, Rule, restatement

    rule = Rule(restatement.NAME, restatement.NAME, restatement.DEFAULT_LEVEL,
                restatement.DESCRIPTION)
    corpus = Corpus((load_document(path, text),))
    return list(restatement.check(rule, corpus, CheckContext()))


def _figure(path: str, text: str, line: int, column: int):
    from factlint.corpus import load_document

    for q in load_document(path, text).quantities:
        if (q.span.line, q.span.column) == (line, column):
            return q
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--news-dev", type=Path, default=NEWS_DEV)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from factlint.claims.agree import agreement

    rng = random.Random(args.seed)
    counted: Counter = Counter()
    fired: Counter = Counter()
    skipped = 0
    preserved: Counter = Counter()
    noisy: list[str] = []
    missed: list[str] = []
    with args.data.open(encoding="utf-8", newline="") as handle:
        entries = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for entry in entries:
        path = entry["path"]
        original = (args.news_dev / path).read_text(encoding="utf-8")
        line, column = int(entry["line"]), int(entry["column"])
        q = _figure(path, original, line, column)
        other = _figure(path, original, int(entry["other_line"]), int(entry["other_column"]))
        if q is None or other is None or " ".join(q.text.split()) != entry["text"]:
            sys.exit(f"{args.data}: {path}:{line}:{column} is no longer read as "
                     f"{entry['text']!r}; update the entry")
        if findings_for(path, original):
            sys.exit(f"{path}: the check fires on the unchanged article; relabel the entry")
        start = _offset(original, line, column)
        end = start + len(q.text)
        written = original[start:end]
        for kind, new in value_changing(written, rng).items():
            changed = original[:start] + new + original[end:]
            mutated = _figure(path, changed, line, column)
            if mutated is None or agreement(mutated, other).agrees:
                skipped += 1  # still agrees with what it restates, or no longer a figure
                continue
            counted[kind] += 1
            places = {(f.location.line, f.location.column) for f in findings_for(path, changed)
                      } | {(r.line, r.column) for f in findings_for(path, changed)
                           for r in f.related}
            if (line, column) in places:
                fired[kind] += 1
            else:
                missed.append(f"{path}:{line}:{column} {written} → {new} ({kind})")
        for kind, new in value_preserving(written).items():
            changed = original[:start] + new + original[end:]
            preserved[kind] += 1
            found = findings_for(path, changed)
            if found:
                noisy.append(f"{path}:{line}:{column} {written} → {new} ({kind}): "
                             f"{found[0].message}")
    total, hits = sum(counted.values()), sum(fired.values())
    result = {
        "entries": len(entries), "seed": args.seed,
        "value_changing": {k: {"edits": counted[k], "fired": fired[k]} for k in sorted(counted)},
        "recall": round(hits / total, 4) if total else None,
        "edits_counted": total, "edits_skipped_still_agreeing": skipped,
        "value_preserving": dict(sorted(preserved.items())),
        "findings_after_value_preserving": len(noisy),
        "missed": missed, "noisy": noisy,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"{len(entries)} verified restatements, seed {args.seed}")
        for kind in sorted(counted):
            print(f"  {kind:16} {fired[kind]:3} / {counted[kind]:3}")
        print(f"recall {hits}/{total} = {hits / total:.1%} (goal ≥ {RECALL_GOAL:.0%}); "
              f"{skipped} edits skipped (still agree with the restated figure)")
        print(f"value-preserving rewrites: {sum(preserved.values())} "
              f"({', '.join(f'{k} {v}' for k, v in sorted(preserved.items()))}); "
              f"findings after them: {len(noisy)}")
        for item in missed:
            print(f"missed: {item}")
        for item in noisy:
            print(f"noisy: {item}")
    ok = total and hits / total >= RECALL_GOAL and not noisy
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
