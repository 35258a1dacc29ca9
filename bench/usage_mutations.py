"""Recall of the usage checks and exactness of their fixes, by planting usage errors in
real copy (../shared/bench/news-dev) and seeing whether factlint finds and undoes them.

    .venv/bin/python bench/usage_mutations.py [--per-kind N] [--seed S]

For every kind of error, sentences of news-dev that are written correctly are mutated
the way copy goes wrong (``3万～5万`` → ``3～5万``, ``4000人`` → ``4千人``, ``二〇一二`` →
``二零一二``, ``3～5天`` → ``3-5天``, ``0.46`` → ``.46``, ``2008年8月8日`` → ``2008.8.8``,
``三四个`` → ``三、四个``, ``2020年5月`` → ``2,020年5月`` or ``2 020年5月`` (a thin space),
``2019年5月4日`` → ``19年5月4日``, ``星期三`` → ``星期3``); each mutated sentence is checked
alone.  Reported per kind:
how many were planted, found by the expected rule at the planted place, and — for the
kinds whose fix factlint can prove — how many ``factlint fix`` turned back into exactly
the original sentence.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factlint.corpus import load_document, split_sentences  # noqa: E402
from factlint.model import Corpus  # noqa: E402
from factlint.rules import USAGE_CHECKS, CheckContext, Rule, builtin_module  # noqa: E402
from factlint.rules.engine import finish_findings  # noqa: E402
from factlint.rules.fixes import apply_fixes, readings  # noqa: E402

NEWS_DEV = ROOT.parent / "shared" / "bench" / "news-dev"

# kind: (rule, pattern finding a correct place, mutation of the match, fix expected to restore)
Mutation = tuple[str, regex.Pattern, Callable[[regex.Match], str], bool]
MUTATIONS: dict[str, Mutation] = {
    "range scale dropped": (
        "usage-range-scale",
        regex.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([万亿%％])([～~至])(\d+(?:\.\d+)?)\2"),
        lambda m: m[1] + m[3] + m[4] + m[2], True),
    "千 after digits": (
        "usage-arabic-scale", regex.compile(r"(?<![\d.,])([1-9])000(?=[人元名家个件])"),
        lambda m: m[1] + "千", True),
    "零 in a year": (
        "usage-zero-form",
        regex.compile(r"(?<![一二三四五六七八九〇零])二〇([一二三四五六七八九〇]{2})年"),
        lambda m: "二零" + m[1].replace("〇", "零") + "年", True),
    "hyphen in a range": (
        "usage-range-connector",
        regex.compile(r"(?<![\d.\-])(\d{1,3})～(\d{1,3})(?=[天个人元名岁倍%％])"),
        lambda m: m[1] + "-" + m[2], True),
    "leading zero dropped": (
        "usage-decimal-zero", regex.compile(r"(?<=[\p{Han}，（])0\.(\d+)(?=[%\p{Han}])"),
        lambda m: "." + m[1], False),
    "dotted date": (
        "usage-date-format",
        regex.compile(r"(?<!\d)((?:19|20)\d\d)年(1[0-2]|[1-9])月([12]\d|3[01]|[1-9])日(?!\d)"),
        lambda m: f"{m[1]}.{m[2]}.{m[3]}", False),
    "year grouped with a comma": (
        "usage-year-grouping", regex.compile(r"(?<![\d,.])([12])(\d{3})年(?=\d{1,2}月)"),
        lambda m: f"{m[1]},{m[2]}年", False),
    "year grouped with a thin space": (
        "usage-year-grouping", regex.compile(r"(?<![\d,.])([12])(\d{3})年(?=\d{1,2}月)"),
        lambda m: f"{m[1]}\u2009{m[2]}年", True),
    "two-digit year": (
        "usage-year-full",
        regex.compile(r"(?<![\d.])20(\d\d)年(?=(?:(?:1[0-2]|[1-9])月(?:[12]\d|3[01]|[1-9])日"
                      r"|(?:1[0-2]|[1-9])月(?:份|上旬|中旬|下旬)|底|初))"),
        lambda m: f"{m[1]}年", False),
    "weekday in digits": (
        "usage-chinese-numeral-words", regex.compile(r"(?<=星期)([一二三四五六])"),
        lambda m: str("一二三四五六".index(m[1]) + 1), False),
    "顿号 in an estimate": (
        "usage-approx-dunhao",
        regex.compile(r"(?<![一二三四五六七八九十第、])([三五七])([四六八])(?=[个天年人名])"),
        lambda m: m[1] + "、" + m[2], False),
}


def _rules() -> list[Rule]:
    return [Rule(r, r, builtin_module(r).DEFAULT_LEVEL, builtin_module(r).DESCRIPTION)
            for r in USAGE_CHECKS if not getattr(builtin_module(r), "OPT_IN", False)]


def _findings(text: str, rules: list[Rule]):
    document = load_document("x.txt", text)
    corpus = Corpus((document,))
    raw = []
    for rule in rules:
        raw += builtin_module(rule.id).check(rule, corpus, CheckContext())
    found, _ = finish_findings(raw, corpus, rules, report_unused=False)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-kind", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print misses and non-restorations")
    args = parser.parse_args()
    rules = _rules()
    sentences = []
    for path in sorted(NEWS_DEV.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        # As written (not normalised: ～ must stay ～), one line per sentence.
        sentences += [text[s.span.start:s.span.end] for s in split_sentences(text)
                      if "\n" not in text[s.span.start:s.span.end]]
    rng = random.Random(args.seed)
    print(f"{len(sentences):,} sentences of news-dev; seed {args.seed}\n")
    print("| planted error | rule | planted | found | found % | fix restores | other findings |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for kind, (rule_id, pattern, mutate, restorable) in MUTATIONS.items():
        candidates = [(s, m) for s in sentences for m in pattern.finditer(s)]
        rng.shuffle(candidates)
        planted = found = restored = equivalent = other = 0
        for sentence, m in candidates:
            if planted >= args.per_kind:
                break
            before = _findings(sentence, rules)
            if any(f.rule == rule_id for f in before):
                continue  # the correct sentence already has such a finding elsewhere
            mutated = sentence[:m.start()] + mutate(m) + sentence[m.end():]
            planted += 1
            after = _findings(mutated, rules)
            hits = [f for f in after if f.rule == rule_id]
            if hits:
                found += 1
            other += len(after) - len(hits) - len(before)
            if restorable and hits:
                fixed, _ = apply_fixes(mutated, after)
                while True:  # as factlint fix does: pass after pass
                    again = _findings(fixed, rules)
                    fixed_again, applied = apply_fixes(fixed, again)
                    if not applied:
                        break
                    fixed = fixed_again
                if fixed == sentence:
                    restored += 1
                else:
                    # Another correct form of the same figure (12万5000 → 12万5千 → 125000):
                    # the fix was proven, so every reading is the same as the original's.
                    equivalent += readings(fixed) == readings(mutated)
                    if args.show:
                        print(f"  not restored: {sentence!r} → {mutated!r} → {fixed!r}")
            if args.show and not hits:
                print(f"  missed: {mutated!r}")
        share = f"{100 * found / planted:.1f}" if planted else "–"
        restores = (f"{restored}/{found} exactly, {equivalent} with the same readings"
                    if restorable else "(suggestion)")
        print(f"| {kind} | {rule_id} | {planted} | {found} | {share} | {restores} | {other} |")


if __name__ == "__main__":
    main()
