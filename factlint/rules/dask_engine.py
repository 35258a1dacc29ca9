"""The Dask engine: the stages of :mod:`factlint.rules.engine` on a cluster.

The same four functions the local engine calls, scheduled by Dask instead of a loop:

* the plan (rules, sources, settings) is scattered once to every worker;
* ``dask.bag.from_sequence`` over the file paths (not ``read_text``, which yields
  lines) maps :func:`~factlint.rules.engine.check_document` over the files, so each
  worker holds the documents of its partition, never the corpus;
* the pieces the documents give the cross-document rules are gathered per key with
  ``foldby`` and a combiner: each partition folds its own pieces first, and only the
  folded lists travel (Dask's docs call bag ``groupby``, a full shuffle, expensive);
* :func:`~factlint.rules.engine.check_key` runs per key on the workers, and the
  client drops duplicates and sorts with :func:`~factlint.rules.engine.finish_check`.

So the report is byte-identical to ``--engine local``.  Dask is an optional extra
(``pip install 'factlint[dask]'``); this module imports it only when it runs.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from .engine import (
    CheckPlan,
    CheckResult,
    DocumentOutcome,
    Piece,
    PieceKey,
    check_document,
    check_key,
    finish_check,
)

__all__ = ["INSTALL_HINT", "DaskUnavailable", "RETRIES", "connect", "run_dask"]

INSTALL_HINT = "the Dask engine needs Dask and distributed: pip install 'factlint[dask]'"

#: How often a task that raised is run again (an I/O hiccup on a network filesystem).
#: A task whose worker died is rescheduled by Dask itself, up to its
#: ``distributed.scheduler.allowed-failures`` times.
RETRIES = 2

#: Files per partition at most: a partition's outcomes wait on its worker until the
#: cross-document stage has taken its pieces, so partitions stay small.
MAX_PARTITION = 500


class DaskUnavailable(RuntimeError):
    """Dask or distributed cannot be imported; the message says how to install them."""


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskUnavailable(f"{INSTALL_HINT} ({exc})") from None


@contextlib.contextmanager
def connect(scheduler: str | None = None, jobs: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: of the cluster at ``scheduler``, else of a new local one.

    Without an address, starts a ``LocalCluster`` of ``jobs`` worker processes (default:
    one per core), one thread each, since extraction is pure Python and holds the GIL.
    Its dashboard takes a free port (``client.dashboard_link``), not one another
    cluster may hold.  The cluster is closed on leaving, however the block ends.
    """
    _require_dask()
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    workers = jobs or os.cpu_count() or 1
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        yield client


# Task functions are module-level so that workers find them by name (spawn-safe).


def _check_partition(tasks: Sequence[tuple[int, str, str]], plan: CheckPlan
                     ) -> list[DocumentOutcome]:
    return [check_document(plan, index, path, read_from) for index, path, read_from in tasks]


def _findings_and_errors(outcome: DocumentOutcome) -> DocumentOutcome:
    return DocumentOutcome(index=outcome.index, path=outcome.path,
                           findings=outcome.findings, error=outcome.error)


def _pieces(outcome: DocumentOutcome) -> tuple[tuple[PieceKey, Piece], ...]:
    return outcome.pieces


def _key(item: tuple[PieceKey, Piece]) -> PieceKey:
    return item[0]


def _add_piece(gathered: list[Piece], item: tuple[PieceKey, Piece]) -> list[Piece]:
    gathered.append(item[1])
    return gathered


def _merge(left: list[Piece], right: list[Piece]) -> list[Piece]:
    left.extend(right)
    return left


def _check_key(item: tuple[PieceKey, list[Piece]], plan: CheckPlan):
    key, pieces = item
    return key, check_key(plan, key, pieces)


def _partitions(count: int, workers: int) -> int:
    """Enough partitions to keep every worker busy to the end, none too large."""
    return max(1, min(count, max(4 * workers, math.ceil(count / MAX_PARTITION))))


def run_dask(plan: CheckPlan, paths: Sequence[str], client: Any, *,
             progress: bool | None = None) -> CheckResult:
    """Run the check of ``paths`` on the cluster of ``client``; the same result as locally.

    Workers open each file by its absolute path (so a worker started in another
    directory finds it, on a shared filesystem) and report it by the name given.
    ``progress`` shows Dask's progress bar on stderr (default: when stderr is a
    terminal).  Ctrl-C cancels the run's tasks on the cluster and re-raises.
    """
    _require_dask()
    import dask.bag as db

    tasks = [(index, path, os.path.abspath(path)) for index, path in enumerate(paths)]
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    [shipped] = client.scatter([plan], broadcast=True, hash=False)

    batches = db.from_sequence(tasks, npartitions=_partitions(len(tasks), workers))
    outcomes = batches.map_partitions(_check_partition, shipped)
    documents = outcomes.map(_findings_and_errors)
    cross = (outcomes.map(_pieces).flatten()
             .foldby(_key, _add_piece, list, combine=_merge, combine_initial=list)
             .map(_check_key, shipped))

    futures = client.compute([documents, cross], retries=RETRIES)
    try:
        if progress if progress is not None else sys.stderr.isatty():
            from distributed import progress as progress_bar

            with contextlib.redirect_stdout(sys.stderr):  # the report owns stdout
                progress_bar(futures)
        document_outcomes, cross_outcomes = client.gather(futures)
    except BaseException:  # Ctrl-C, or a task that failed for good: stop the rest
        client.cancel(futures, force=True)
        raise
    cross_findings = dict(cross_outcomes)
    for key in plan.cross_keys():  # a corpus rule no document gave a piece still runs
        if key not in cross_findings:
            cross_findings[key] = check_key(plan, key, [])
    return finish_check(plan, document_outcomes, cross_findings.values())
