"""ledger: a figure of the draft disagrees with the same claim as already published.

Why it matters: next week's story that says 7000万名党员 against last week's
7436万多名 tells readers one of them is wrong, and it is the newsroom's own record.
The ledger (``factlint ledger add``) holds every claim of the published copy; each
claim of a draft is compared with the published claims of the same claim
(:mod:`factlint.ledger.claims`: claim identity's
:func:`~factlint.claims.identity.why_different` finds no difference of measure,
thing counted, statistic, scope or time, the ledger's date of the claim is the same,
and the sentences or clauses are worded alike) by
:func:`factlint.claims.agree.agreement`, after any correction recorded with
``factlint ledger correct``.

What is not reported, because it would be a false alarm more often than not:

* a claim whose published figures disagree among themselves (the same claim by
  identity and wording, yet several claims: 400余名党员 and 100多名党员 of different
  teams);
* a claim the draft itself states with figures that disagree among themselves;
* another time frame: the time is part of the lookup key (the day a sentence names,
  else the document's date), so a running total that has grown since, or last month's
  statistic, is a different claim; so are different time words (去年 / 今年) and
  different scopes (澳门 / 香港), as claim identity reads them.

Fires (ledger holds 002 of 2020-02-16 with 400余名市属高校教职员工)::

    武汉选派市属高校教职员工4400余名 ...
    → error ledger 4400余名 (4400–4500 名) disagrees with the published figure:
      已于2020-02-16在seeds/002_60e7e1aac05173a9.txt（新华社）发布为400余名 (400–500 名)

A draft that is a published document edited (the same path) is compared with what
was published of it too: a figure changed since publication is reported, so that the
change is deliberate (``ledger correct``) or undone.  There a figure is compared only
with its own published version (the same sentence, the figure in the same place), not
with other figures of the document worded alike: that is the ``restatement`` check's
business.

Does not fire: the draft says 400余名, or 近500名 (agrees within 400–500), or says
4400余名 in a story of another day that names no day for it (another time frame), or
该社区有4户居民 against a published 3000多户居民 (worded otherwise: another claim).

Needs no YAML: it runs when ``factlint check`` is given ``--ledger`` or the config
sets ``ledger:``.  Change its level with ``levels: {ledger: warning}``.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal

from ..claims.agree import agreement, describe, report_level
from ..claims.excerpt import Excerpt, PlaceKey, excerpt, place_key
from ..model import Corpus, Finding, Location
from ..settings.sources import source_for
from . import CHECK_NAME
from .claims import LedgerClaim, claims_of, masked_sentence, same_claim
from .store import Ledger, PublishedClaim

NAME = CHECK_NAME
DEFAULT_LEVEL = "error"
DESCRIPTION = ("A figure of the draft disagrees with the same claim already published "
               "(the ledger of published figures: factlint ledger add).")


def _start(q) -> Decimal:
    lo = q.widened()[0]
    return Decimal("-Infinity") if lo is None else lo


def _end(q) -> Decimal:
    hi = q.widened()[1]
    return Decimal("Infinity") if hi is None else hi


def consistent(quantities: Sequence, variants: str = "warning") -> bool:
    """Whether all ``quantities`` can be true together (one claim, not several).

    If two of them cannot both be true, the one that ends first cannot be true with
    the later of the two either, so comparing every figure with the one that ends
    first and the one that starts last finds it: linear in the number of figures,
    however many the key holds.
    """
    if len(quantities) < 2:
        return True
    earliest_end = min(quantities, key=_end)
    latest_start = max(quantities, key=_start)
    return all(agreement(q, extreme, variants).agrees
               for extreme in (earliest_end, latest_start) for q in quantities
               if q is not extreme)


def published_words(claim: PublishedClaim) -> str:
    """``已于2020-03-10在seeds/004.txt发布为7436万多名 (…)``, with any correction."""
    where = claim.path + (f"（{claim.source}）" if claim.source else "")
    words = f"已于{claim.published}在{where}发布为{describe(claim.quantity)}"
    for correction in claim.corrections:
        words += f"，{correction.date}更正为{correction.text}（{correction.reason}）"
    return words


def published_location(claim: PublishedClaim) -> Location:
    return Location.of(claim.quantity.span, claim.quantity.text)


def _draft_date(path: str, corpus: Corpus, today: str) -> str:
    info = source_for(path, corpus.sources)
    return info.date if info is not None and info.date else today


def _same_place(q, claim: PublishedClaim) -> bool:
    """The draft's figure is this published one (the draft is the published file)."""
    span = q.span
    return (claim.path == span.path and (claim.quantity.span.line, claim.quantity.span.column)
            == (span.line, span.column) and claim.quantity.text == q.text)


def _findings(draft: list[LedgerClaim], published: list[PublishedClaim], level: str,
              variants: str) -> Iterable[Finding]:
    # The draft's own statements of one claim key that disagree among themselves are left
    # alone: which one is meant is unsaid.
    by_claim: dict[object, list[LedgerClaim]] = {}
    for claim in draft:
        by_claim.setdefault(claim.claim, []).append(claim)
    draft = [claim for group in by_claim.values()
             if consistent([c.quantity for c in group], variants) for claim in group]
    stored = [(p, p.as_claim) for p in published]
    masked = {p.id: masked_sentence(p.sentence, p.quantity) for p in published}
    for claim in draft:
        q = claim.quantity
        own = masked_sentence(claim.sentence, q)
        # The figure's own published copy (a published file checked again) stays among
        # them: it agrees, so that another figure worded alike only makes the claim
        # ambiguous (1元 of 漳州、桂林, 2元 of 福州、厦门), not a conflict.
        same = [p for p, as_claim in stored if as_claim is not None
                and same_claim(claim, as_claim, own, masked[p.id],
                               wording=p.path != q.span.path)]
        if not same or not consistent([p.current for p in same], variants):
            continue
        against = [(p, agreement(q, p.current, variants)) for p in same]
        # A figure never disagrees with itself (-5℃左右 is read as an empty interval).
        disagreeing = [p for p, verdict in against if not verdict.agrees
                       and not _same_place(q, p)]
        if not disagreeing:
            continue
        verdict = next(v for p, v in against if p is disagreeing[0])
        found_level = report_level(level, verdict)
        if found_level is None:
            continue
        first = disagreeing[0]
        others = f" (and {len(disagreeing) - 1} more)" if len(disagreeing) > 1 else ""
        yield Finding(
            rule=NAME, level=found_level,
            message=f"{describe(q)} disagrees with the published figure: "
                    f"{published_words(first)}{others}",
            location=Location.of(q.span, q.text),
            related=tuple(published_location(p) for p in disagreeing))


@contextmanager
def ledger_checks(location: str | None) -> Iterator[list[LedgerCheck]]:
    """``[LedgerCheck]`` of the ledger at ``location``, open for the run; ``[]`` for None.

    What ``factlint check`` and the pre-commit hook pass to
    :func:`~factlint.rules.engine.run_check` as ``extra_checks``.  Raises
    :class:`~factlint.ledger.store.LedgerError`.
    """
    if location is None:
        yield []
        return
    with Ledger.open(location) as ledger:
        yield [LedgerCheck(ledger)]


#: What one document gives the ledger check: its path and its claims.
DraftClaims = tuple[str, tuple[LedgerClaim, ...]]


def draft_claims(rule, corpus: Corpus, ctx, today: str) -> tuple[DraftClaims, ...]:
    """The claims of each document of ``corpus``, dated by the sources file, else
    ``today``: what :meth:`LedgerCheck.check_gathered` compares with the ledger.

    Plain data and a function of the documents alone, so it runs wherever a document
    is read (a Dask worker); the ledger itself is open only in the process that
    started the run.
    """
    return tuple((document.path, tuple(claims_of(
        document, _draft_date(document.path, corpus, today)))) for document in corpus.documents)


class LedgerCheck:
    """The ``ledger`` built-in bound to one open ledger (the engine runs it like any check).

    ``today`` is the date of drafts the sources file gives no date (ISO); they are
    taken to be written today.

    Of the engine's ``client`` stage (:mod:`factlint.rules.scope`): each document's
    claims are taken where it is read (:attr:`gather`, :func:`draft_claims`) and
    looked up in the ledger in this process (:meth:`check_gathered`), because the
    ledger is a connection open here: a Dask worker on another machine may not reach
    a SQLite file by its path, nor a PostgreSQL server with this process's credentials,
    and it sends back claims, not documents.
    """

    NAME = NAME
    DEFAULT_LEVEL = DEFAULT_LEVEL
    DESCRIPTION = DESCRIPTION
    SCOPE = "client"

    def __init__(self, ledger: Ledger, today: str | None = None) -> None:
        self.ledger = ledger
        self.today = today or _dt.datetime.now(_dt.UTC).date().isoformat()
        #: The published sentence of every figure a finding cited (for the HTML report).
        self.excerpts: dict[PlaceKey, Excerpt] = {}
        #: What takes a document's claims, as plain picklable data (see draft_claims).
        self.gather = functools.partial(draft_claims, today=self.today)

    def check(self, rule, corpus: Corpus, ctx) -> Iterable[Finding]:
        """Findings for every claim of ``corpus`` that the ledger contradicts."""
        return self.check_gathered(rule, [self.gather(rule, corpus, ctx)], ctx)

    def check_gathered(self, rule, gathered: Iterable[Iterable[DraftClaims]],
                       ctx) -> list[Finding]:
        """Findings for every claim ``gathered`` (:func:`draft_claims` of each part of
        the run, in its order) that the ledger contradicts."""
        by_key: dict[tuple[str, str], list[LedgerClaim]] = {}
        for part in gathered:
            for path, claims in part:
                for claim in claims:
                    by_key.setdefault((path, claim.key), []).append(claim)
        published = self.ledger.lookup({key for _, key in by_key})
        findings: list[Finding] = []
        for (_, key), draft in by_key.items():  # one group per document and key
            others = published.get(key, [])
            if others:
                new = list(_findings(draft, others, rule.level, ctx.variants))
                findings.extend(new)
                cited = {place_key(place) for finding in new for place in finding.related}
                for claim in others:
                    if place_key(claim.quantity.span) in cited:
                        found = excerpt(claim.quantity, claim.sentence)
                        self.excerpts[place_key(claim.quantity.span)] = Excerpt(
                            found.sentence, found.start, found.end, claim.current)
        return findings
