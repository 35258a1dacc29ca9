"""A newsroom archive made from real copy: articles replicated with small mutations.

Used by bench/scale.py (on ../shared) and tests/test_dask_engine.py (on seeds/).
Each copy of an article gets a few of its digits changed (a different few in each
copy), so no two documents are the same and the checks have differences to find.
Copies ``2k`` and ``2k+1`` of an article are declared versions of one article in the
archive's ``sources.yaml``, the first preferred, as a print page and its web copy are.
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

    Copy ``c`` of article ``name`` is ``out/c{c:03d}/{name}``; copy 0 is the text as given.
    """
    groups: list[str] = []
    files: list[str] = []
    for copy in range(copies):
        folder = out / f"c{copy:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in articles:
            body = text if copy == 0 else mutate(text, f"{name}/{copy}")
            (folder / name).write_text(body, encoding="utf-8")
    for copy in range(0, copies - 1, 2):
        for name, _ in articles:
            first, second = f"c{copy:03d}/{name}", f"c{copy + 1:03d}/{name}"
            files += [f"  {first}: {{medium: web}}\n", f"  {second}: {{medium: web}}\n"]
            groups.append(f"  - id: {name.rsplit('.', 1)[0]}-{copy // 2}\n"
                          f"    files: [{first}, {second}]\n"
                          f"    preferred: {first}\n")
    sources = out / "sources.yaml"
    sources.write_text(f"files:\n{''.join(files)}groups:\n{''.join(groups)}" if groups
                       else "groups: []\n", encoding="utf-8")
    return sources
