"""A newsroom archive made from real copy: articles replicated with small mutations.

Used by bench/scale.py (on ../shared) and tests/test_dask_engine.py (on seeds/).
Each copy of an article gets a few of its digits changed (a different few in each
copy), so no two documents are the same and the checks have differences to find.
Every other article has a second version in each copy, declared with it as versions
of one article in the archive's ``sources.yaml``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

DIGITS = "0123456789"
#: Digits changed in each copy (per article).
MUTATIONS = 3


def mutate(text: str, seed: str, count: int = MUTATIONS) -> str:
    """``text`` with ``count`` of its ASCII digits changed, chosen by ``seed``."""
    rng = random.Random(seed)
    places = [i for i, ch in enumerate(text) if ch in DIGITS]
    if not places:
        return text
    chars = list(text)
    for place in rng.sample(places, min(count, len(places))):
        chars[place] = rng.choice(DIGITS.replace(chars[place], ""))
    return "".join(chars)


def split_articles(lines: Sequence[str], per_article: int) -> list[str]:
    """Consecutive runs of ``per_article`` lines, each one article."""
    return ["\n".join(lines[i:i + per_article]) + "\n"
            for i in range(0, len(lines), per_article)]


def write_archive(articles: Sequence[tuple[str, str]], copies: int, out: Path) -> Path:
    """Write ``copies`` mutated copies of each (name, text) under ``out``; return sources.yaml.

    Copy ``c`` of article ``name`` is ``out/c{c:03d}/{name}`` (copy 0 is the text as given).
    Every other article also has a second version in each copy, ``{stem}.v2{suffix}``,
    mutated again: the two are a version group, the first preferred, as a print page
    and its web copy are.  So every copy, the first included, has versions to compare.
    """
    files: list[str] = []
    groups: list[str] = []
    for copy in range(copies):
        folder = out / f"c{copy:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for index, (name, text) in enumerate(articles):
            body = text if copy == 0 else mutate(text, f"{name}/{copy}")
            (folder / name).write_text(body, encoding="utf-8")
            if index % 2:
                continue
            stem, dot, suffix = name.rpartition(".")
            second = f"{stem}.v2{dot}{suffix}" if dot else f"{name}.v2"
            (folder / second).write_text(mutate(body, f"{name}/{copy}/v2"), encoding="utf-8")
            first, second = f"c{copy:03d}/{name}", f"c{copy:03d}/{second}"
            files += [f"  {first}: {{medium: print-ocr}}\n", f"  {second}: {{medium: web}}\n"]
            groups.append(f"  - id: {stem}-{copy}\n"
                          f"    files: [{first}, {second}]\n"
                          f"    preferred: {first}\n")
    sources = out / "sources.yaml"
    sources.write_text(f"files:\n{''.join(files)}groups:\n{''.join(groups)}",
                       encoding="utf-8")
    return sources
