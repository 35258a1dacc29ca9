"""Chinese numerals read by factlint's own code against cn2an, string by string.

Run by hand (not a test; a few minutes):

    python bench/numeral_equivalence.py                  # up to 5 characters, 300,000 random
    python bench/numeral_equivalence.py --length 4 --random 20000 --seed 1

``numerals.plain_numeral_value`` reads numerals in plain characters (零一二…十百千万亿) as
cn2an does (strict mode, then normal mode), so that a start need not import cn2an.  This
compares the two on every string of up to ``--length`` characters of that alphabet
(15**5 = 759,375 at 5; strings of digits alone are left out: ``chinese_value`` reads them
digit by digit itself), and on ``--random`` numbers written by ``cn2an.an2cn``, each also
with a character inserted, dropped or replaced.  Prints every difference (there should
be none) and the counts.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import warnings

import cn2an

from factlint.quantities.numerals import plain_numeral_value

ALPHABET = "零一二三四五六七八九十百千万亿"
DIGITS_ONLY = set("零一二三四五六七八九")


def cn2an_reading(text: str) -> int | str:
    """What ``chinese_value`` got from cn2an before it read plain numerals itself: the
    value (strict mode, then normal mode), or "refused"."""
    with warnings.catch_warnings():  # cn2an warns on some refusals
        warnings.simplefilter("ignore")
        for mode in ("strict", "normal"):
            try:
                value = cn2an.cn2an(text, mode)
            except (ValueError, KeyError, IndexError):
                continue
            return value if isinstance(value, int) else "refused"
    return "refused"


def plain_reading(text: str) -> int | str | None:
    """What ``plain_numeral_value`` reads: the value, None (left to cn2an) or "refused"."""
    try:
        return plain_numeral_value(text)
    except ValueError:
        return "refused"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=5)
    parser.add_argument("--random", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    compared = accepted = differ = 0

    def compare(text: str) -> None:
        nonlocal compared, accepted, differ
        if len(text) > 1 and set(text) <= DIGITS_ONLY:
            return
        mine, theirs = plain_reading(text), cn2an_reading(text)
        compared += 1
        accepted += theirs != "refused"
        if mine != theirs:
            differ += 1
            print(f"differs: {text}  factlint {mine}  cn2an {theirs}")

    for length in range(1, args.length + 1):
        for chars in itertools.product(ALPHABET, repeat=length):
            compare("".join(chars))
    print(f"every string of 1–{args.length} characters: {compared:,} compared, "
          f"{accepted:,} read, {differ:,} differ")
    rnd = random.Random(args.seed)
    for _ in range(args.random):
        written = cn2an.an2cn(str(rnd.randrange(10 ** rnd.randrange(1, 17))))
        compare(written)
        chars = list(written)
        for _ in range(rnd.randrange(1, 3)):
            op, at = rnd.randrange(3), rnd.randrange(len(chars) + 1)
            if op == 0:
                chars.insert(at, rnd.choice(ALPHABET))
            elif chars:
                if op == 1:
                    chars.pop(min(at, len(chars) - 1))
                else:
                    chars[min(at, len(chars) - 1)] = rnd.choice(ALPHABET)
        if chars:
            compare("".join(chars))
    print(f"with random numbers and slips: {compared:,} compared, {accepted:,} read, "
          f"{differ:,} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
