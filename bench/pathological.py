"""Growth of ``factlint.extract`` time on pathological inputs: every path must be linear.

Run by hand (not a test); the figures go into the README:

    python bench/pathological.py                    # 1k, 10k, 100k, 1M characters of each
    python bench/pathological.py --max-chars 100000 --only a1

Each input is a short piece repeated to 1,000, 10,000, 100,000 and 1,000,000 characters.
For each size the best of ``--repeat`` CPU times is printed, and the growth exponent
between the last two sizes, log(t2/t1) / log(n2/n1): about 1 is linear, 2 quadratic.
A size that takes longer than ``--give-up`` seconds ends that input's series (the
exponent is then from the sizes that ran, and the input is marked).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time


#: name → a function of the size giving the text.  Each is a form that once made a
#: pattern or a walk over the text go back over what it had read.
def _hex(n: int) -> str:
    rng = random.Random(9)
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


INPUTS = {
    "a1": lambda n: ("a1" * n)[:n],  # identifier walk-back: TR188次 looked back to its letters
    "hex": _hex,  # a hash or key pasted into copy
    "a1 spaced": lambda n: ("a1 " * n)[:n],
    "a-1": lambda n: ("a-1" * n)[:n],
    "digits": lambda n: ("1234567890" * n)[:n],
    "digit groups": lambda n: ("1,234," * n)[:n],
    "Chinese numerals": lambda n: ("一二三四五六七八九十" * n)[:n],
    "几": lambda n: ("十几" * n)[:n],
    "ranges": lambda n: ("1-" * n)[:n],
    "a list sharing a unit": lambda n: ("1、" * n)[:n - 1] + "个",  # 1、2、…、N个
    "億 with 萬 groups": lambda n: ("1億1,758萬" * n)[:n],
    "dates": lambda n: ("2020年1月1日至" * n)[:n],
    "times": lambda n: ("12:30:" * n)[:n],
    "numeric dates": lambda n: ("2020-01-" * n)[:n],
    "qualifiers": lambda n: ("约近超过" * n)[:n],
    "至少 and verbs": lambda n: ("至少要" * n)[:n],
    "OCR gaps": lambda n: ("1 \n" * n)[:n],
    "blank lines": lambda n: ("5\n\n" * n)[:n],
    "e-mail": lambda n: ("a.b@" * n)[:n],
    "url": lambda n: ("http://" + "a1/" * n)[:n],
    "percent": lambda n: ("百分之" * n)[:n],
    # issue 11, third pass: words skipped inside one long run of numerals (一半 repeated
    # was quadratic until the scan kept the run's end), stock codes, drawn numbers.
    "一半": lambda n: ("一半" * n)[:n],
    "数个": lambda n: ("数个" * n)[:n],
    "stock codes": lambda n: ("股2454 聯發科、" * n)[:n],
    "drawn numbers": lambda n: ("号码为「01、" * n)[:n],
    # issue 11, fourth pass: each new reader's trigger repeated
    "约 times": lambda n: ("下午约3时" * n)[:n],
    "bracketed days": lambda n: ("今（15）" * n)[:n],
    "month ranges": lambda n: ("2015年9月到" * n)[:n],
    "school years": lambda n: ("2020/21" * n)[:n],
    "quoted figures": lambda n: ("“1”《2》" * n)[:n],
    "congresses": lambda n: ("党的十八大" * n)[:n],
    "trillions": lambda n: ("2兆" * n)[:n],
    "named codes": lambda n: ("股台積電(2330)2330台積" * n)[:n],
    "short years": lambda n: ("港元特首97年7月" * n)[:n],
    # a list of codes each chained to the one before (6213 聯茂、2383 台光電): was quadratic
    "code lists": lambda n: ("股" + "".join(f"{1000 + i % 9000} 聯發科、"
                                            for i in range(n // 9 + 1)))[:n],
    "news": lambda n: ("全国已有7436万多名党员自愿捐款，共捐款76.8亿元。\n" * n)[:n],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-chars", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--give-up", type=float, default=30.0)
    parser.add_argument("--only", action="append", help="run only these inputs")
    args = parser.parse_args(argv)

    import factlint

    factlint.extract("预热：7436万多名党员，14:35，2016-07-21")
    sizes = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n <= args.max_chars]
    worst = 0.0
    print(f"{'input':<18}" + "".join(f"{n:>12,}" for n in sizes) + "   exponent")
    sys.stdout.flush()
    for name, make in INPUTS.items():
        if args.only and name not in args.only:
            continue
        times: list[tuple[int, float]] = []
        gave_up = False
        for n in sizes:
            text = make(n)
            best = math.inf
            for _ in range(args.repeat if n < 1_000_000 else 1):
                start = time.process_time()
                factlint.extract(text)
                best = min(best, time.process_time() - start)
            times.append((n, best))
            if best > args.give_up:
                gave_up = True
                break
        (n1, t1), (n2, t2) = times[-2], times[-1]
        exponent = math.log(max(t2, 1e-6) / max(t1, 1e-6)) / math.log(n2 / n1)
        worst = max(worst, exponent)
        cells = "".join(f"{t:>11.4f}s" for _, t in times) + " " * 12 * (len(sizes) - len(times))
        print(f"{name:<18}{cells}   {exponent:.2f}{'  (gave up)' if gave_up else ''}")
        sys.stdout.flush()
    print(f"worst exponent between the two largest sizes: {worst:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
