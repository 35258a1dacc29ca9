"""The Dask engine: the stages of :mod:`factlint.rules.engine` on a cluster.

The same four functions the local engine calls, scheduled by Dask instead of a loop:

* the plan (rules, sources, settings) is shipped once, as one value of the graph
  that each worker fetches once;
* ``dask.bag.from_sequence`` over the file paths (not ``read_text``, which yields
  lines) maps :func:`~factlint.rules.engine.check_document` over the files, so each
  worker holds the documents of its partition, never the corpus.  The versions of
  one article are put in one partition, where a
  :class:`~factlint.rules.engine.Gatherer` compares them as soon as the last is read;
* the pieces of keys still open (the corpus rules': what their selectors pick) are
  gathered per key with ``foldby`` and a combiner: each partition folds its own
  pieces first, and only the folded lists travel (Dask's docs call bag ``groupby``,
  a full shuffle, expensive);
* :func:`~factlint.rules.engine.check_key` runs per key on the workers, and the
  client drops duplicates and sorts, as :func:`~factlint.rules.engine.finish_check`
  does, with a :class:`~factlint.rules.engine.Finisher` that takes in each partition as
  it arrives, while the workers check the next ones.

So the report is byte-identical to ``--engine local``.  Dask is an optional extra
(``pip install 'factlint[dask]'``); this module imports it only when it runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import math
import os
import pickle
import signal
import sys
import threading
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..settings.sources import resolved, resolving_once
from .engine import (
    CheckPlan,
    CheckResult,
    DocumentOutcome,
    FileFacts,
    Finisher,
    Gatherer,
    Piece,
    PieceKey,
    PlanFacts,
    check_document,
    check_key,
    expected_pieces,
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


#: Files in each of the last partitions at least: they get smaller towards the end of
#: the run (see :func:`_batches`), down to about a tenth of a second of work.
TAIL_PARTITION = 25

#: Seconds to wait for the scheduler of ``--scheduler`` before giving up (OSError).
CONNECT_TIMEOUT = 10

#: Dask settings of a cluster factlint starts (``--jobs``): its scheduler and nannies
#: run in factlint's process, its workers beside it, on the cores that check the
#: documents, so Dask's own upkeep is cut to what a run uses.  Measured on the 2-core
#: machine of the README (bench/scale.py; idle cluster, CPU a second):
#:
#: * the statistical profiler (the dashboard's profile page) samples the running task's
#:   stack every 10 ms and keeps each second's profile for 1,000 seconds: a tenth of a
#:   worker's CPU, and memory that grows with the run's length, not the documents'
#:   (about 10 MB a worker by the 16× archive);
#: * every server's event-loop latency probe ("tick", a diagnostic of blocked loops)
#:   every 20 ms, and every worker's and nanny's memory check every 100 ms: 48 ms of
#:   CPU a second in the client's process and 21 ms in each worker, idle; with a 1 s
#:   tick and 500 ms memory checks, about 14 ms and 5 ms.
#:
#: A cluster the user starts is theirs to set (see the README).
LOCAL_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False,
                        "distributed.admin.tick.interval": "1s",
                        "distributed.worker.memory.monitor-interval": "500ms"}


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
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    workers = jobs or os.cpu_count() or 1
    with _interruptible() as interrupted:  # starting takes seconds: Ctrl-C must still work
        # Its own logs stay quiet: a failed task reaches the report through factlint, and
        # on a loaded machine a late heartbeat at shutdown is logged as an ERROR by
        # distributed, which is nothing the user could act on.
        with dask.config.set(LOCAL_CLUSTER_CONFIG):  # each nanny hands it to its worker
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.CRITICAL)
        client = Client(cluster)
        # Ctrl-C in a terminal reaches every process of the foreground group: the client
        # alone takes it (cancels the run, closes the cluster), not each worker with a
        # traceback on the way.
        client.run(_ignore_ctrl_c)
    with cluster, client:
        if interrupted.is_set():
            raise KeyboardInterrupt
        yield client


def _ignore_ctrl_c() -> None:
    # client.run calls this in the worker's event loop, its main thread
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


# Task functions are module-level so that workers find them by name (spawn-safe).

#: A file of the run as a task names it: (index, path as given, where to open it, its
#: resolved path).
Task = tuple[int, str, str, str]


def _check_partition(work: bytes, plan: CheckPlan) -> list[DocumentOutcome]:
    """The documents of one partition, with the keys they complete checked here.

    ``work`` is one batch of files and the :class:`FileFacts` of those files, pickled on
    the client (Dask walks a task's arguments object by object, looking for other tasks
    in them: 1.5 s of the client's CPU for 1,800 files; bytes it passes as they are).
    ``plan``
    (the same for every task) has none of the sources file, so a worker holds what its
    own files need of it, never the archive's.  Returns one outcome per document
    (findings, error) and a last one (index -1) holding the findings of the keys
    completed here and the pieces of those still open.
    """
    tasks: Sequence[Task]
    facts: FileFacts
    tasks, facts = pickle.loads(work)
    here = plan.with_facts(facts)
    gatherer = Gatherer(here, facts.expected)
    result = [gatherer.add_outcome(check_document(here, index, path, read_from))
              for index, path, read_from, _ in tasks]
    completed = tuple(marked for found in gatherer.findings for marked in found)
    still_open = tuple((key, piece) for key, pieces in gatherer.open.items()
                       for piece in pieces)
    result.append(DocumentOutcome(index=-1, path="", findings=completed, pieces=still_open))
    return result


def _reportable(outcomes: Sequence[DocumentOutcome]) -> list[DocumentOutcome]:
    """What the client needs of a partition's outcomes: those with something to report,
    without their pieces (which go to the fold)."""
    return [dataclasses.replace(outcome, pieces=()) if outcome.pieces else outcome
            for outcome in outcomes if outcome.reportable()]


def bucket_of(key: PieceKey, buckets: int) -> int:
    """Which of ``buckets`` folds gathers ``key``: the same in every process (Python's
    own string hash differs from process to process)."""
    return zlib.crc32("\x00".join(key).encode("utf-8")) % buckets


def _pieces_in(outcomes: Sequence[DocumentOutcome], bucket: int, buckets: int
               ) -> list[tuple[PieceKey, Piece]]:
    return [(key, piece) for outcome in outcomes for key, piece in outcome.pieces
            if bucket_of(key, buckets) == bucket]


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


def _batches(plan: CheckPlan, tasks: Sequence[Task], count: int, workers: int = 1
             ) -> list[list[Task]]:
    """``tasks`` in about ``count`` batches, the versions of one article side by side.

    A batch is not ended inside a version group, so that a group is compared in the
    partition that read it; files keep their index, so reports keep their order.  With
    several ``workers``, the last batches get smaller (each at most a ``2 × workers``-th
    of what is left, down to :data:`TAIL_PARTITION` files): Dask hands out partitions
    in order, and a worker given the last large one would keep the others waiting.
    """
    # The files of the run in each version group, by the resolved path each task has
    # (so no path is resolved again), in the order of the run.
    members_of: dict[str, list[Task]] = {}
    for task in tasks:
        for group_id in plan.groups_of.get(task[3], ()):
            members_of.setdefault(group_id, []).append(task)
    placed: set[int] = set()
    ordered: list[tuple[Task, int]] = []  # (task, open groups after it)
    for task in tasks:
        if task[0] in placed:
            continue
        members = {task[0]: task}
        for group_id in plan.groups_of.get(task[3], ()):
            for other in members_of[group_id]:
                if other[0] not in placed:
                    members.setdefault(other[0], other)
        placed.update(members)
        ordered.extend((member, len(members) - 1 - i)
                       for i, member in enumerate(members.values()))
    size = target = max(1, math.ceil(len(ordered) / count))
    remaining = len(ordered)
    batches: list[list[Task]] = [[]]
    for task, still_to_come in ordered:
        batches[-1].append(task)
        if len(batches[-1]) >= target and still_to_come == 0:
            remaining -= len(batches[-1])
            batches.append([])
            if workers > 1:
                target = min(size, max(TAIL_PARTITION, math.ceil(remaining / (2 * workers))))
    return [batch for batch in batches if batch]


@contextlib.contextmanager
def _interruptible() -> Iterator[threading.Event]:
    """An event Ctrl-C sets, instead of raising wherever the main thread happens to be.

    A KeyboardInterrupt raised inside one of distributed's callbacks is swallowed
    ("Exception ignored in ..."), and the run would go on; :func:`_collect` raises it
    where it can be handled.
    """
    interrupted = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield interrupted  # signals reach the main thread only
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: interrupted.set())
    try:
        yield interrupted
    finally:
        signal.signal(signal.SIGINT, previous)


def _collect(futures: Sequence[Any], interrupted: threading.Event,
             on_result: Callable[[int, Any], None]) -> None:
    """``on_result(position, result)`` for each of ``futures`` as soon as it is done,
    in the order they finish; each is released once handed over.

    ``as_completed`` waits on each future once.  (``wait(..., timeout=)`` in a loop, as
    this did before, left one waiter per pending future behind at every timeout, on the
    client's event loop: at 64× on a loaded machine, hundreds of thousands of them,
    hundreds of MB and a busy loop.)  The event is looked at between results, so that
    Ctrl-C stops the run within a twentieth of a second.
    """
    from distributed import as_completed

    position = {future.key: index for index, future in enumerate(futures)}
    finished = as_completed(futures)
    left = len(futures)
    while left:
        if interrupted.is_set():
            raise KeyboardInterrupt
        batch = finished.next_batch(block=False)
        if not batch:
            interrupted.wait(0.05)
            continue
        for future in batch:
            on_result(position[future.key], future.result())
            future.release()
            left -= 1


class _InOrder:
    """Hands partitions' outcomes to a :class:`Finisher` in the run's order while they
    arrive in any: each waits only for those before it (partitions mostly finish in
    order, so few wait), and findings that sort alike keep the local engine's order."""

    def __init__(self, finisher: Finisher) -> None:
        self.finisher = finisher
        self.next = 0
        self.waiting: dict[int, list[DocumentOutcome]] = {}

    def add(self, position: int, outcomes: list[DocumentOutcome]) -> None:
        self.waiting[position] = outcomes
        while self.next in self.waiting:
            for outcome in self.waiting.pop(self.next):
                self.finisher.add_outcome(outcome)
            self.next += 1


def _progress_bar(futures: Sequence[Any]) -> threading.Thread:
    """Dask's text progress bar, drawn on stderr (the report owns stdout), in a thread."""
    from distributed.diagnostics.progressbar import TextProgressBar

    class StderrProgressBar(TextProgressBar):
        # TextProgressBar draws on sys.stdout; point it at stderr for each drawing only,
        # so nothing the main thread prints is ever redirected.
        def _draw_bar(self, *args: Any, **kwargs: Any) -> None:
            with contextlib.redirect_stdout(sys.stderr):
                super()._draw_bar(*args, **kwargs)

        def _draw_stop(self, *args: Any, **kwargs: Any) -> None:
            with contextlib.redirect_stdout(sys.stderr):
                super()._draw_stop(*args, **kwargs)

    thread = threading.Thread(target=StderrProgressBar, args=(futures,),
                              name="factlint-progress", daemon=True)
    thread.start()
    return thread


def run_dask(plan: CheckPlan, paths: Sequence[str], client: Any, *,
             progress: bool | None = None) -> CheckResult:
    """Run the check of ``paths`` on the cluster of ``client``; the same result as locally.

    Workers open each file by its absolute path (so a worker started in another
    directory finds it, on a shared filesystem) and report it by the name given.
    ``progress`` shows Dask's progress bar on stderr (default: when stderr is a
    terminal).  Ctrl-C cancels the run's tasks on the cluster and re-raises.
    """
    _require_dask()
    with resolving_once():  # as check_corpus does: each file is asked after again below
        return _run_dask(plan, paths, client, progress)


def _run_dask(plan: CheckPlan, paths: Sequence[str], client: Any, progress: bool | None
              ) -> CheckResult:
    import dask.bag as db
    from dask import delayed

    tasks = []
    for index, path in enumerate(paths):
        read_from = os.path.abspath(path)
        tasks.append((index, path, read_from, resolved(read_from)))
    workers = max(1, len(client.scheduler_info().get("workers", {})))

    batches = _batches(plan, tasks, _partitions(len(tasks), workers), workers)
    facts = PlanFacts(plan, expected_pieces(plan, paths, [task[3] for task in tasks]))
    # Each partition: one batch of files and what the sources file says of them, worked
    # out here, so that no worker is sent the whole sources file.
    work = [pickle.dumps((batch, facts.of((path, file) for _, path, _, file in batch)),
                         protocol=pickle.HIGHEST_PROTOCOL) for batch in batches]
    # The rest of the plan is the same for every task: shipped once in the graph, not
    # scattered (a scattered value lost with its worker cannot be made again, and every
    # task of the run would be cancelled).
    run_id = uuid.uuid4().hex
    shipped = delayed(plan.for_workers(), name=f"factlint-plan-{run_id}", traverse=False)
    # Each batch is an argument of its own task, not a key of the graph (from_sequence):
    # a key with nothing to wait for is computed at once, so every worker would hold
    # batches of the whole run from the start; a task's arguments reach a worker only
    # when the scheduler gives it that task, which it does as workers are free.
    outcomes = db.from_delayed([
        delayed(_check_partition, pure=True)(item, shipped,
                                              dask_key_name=f"_check_partition-{run_id}-{i}")
        for i, item in enumerate(work)])
    # Only what the report needs travels to the client: findings and errors.
    documents = outcomes.map_partitions(_reportable)
    # The keys still open (corpus rules, version groups read in two partitions) are
    # folded in as many buckets as there are workers, so that check_key runs on them all.
    buckets = workers if plan.cross_keys() or plan.rules_of("group") else 1
    folds = [outcomes.map_partitions(_pieces_in, bucket, buckets)
             .foldby(_key, _add_piece, list, combine=_merge, combine_initial=list)
             for bucket in range(buckets)]
    cross = db.concat(folds).map(_check_key, shipped)

    # One future a partition, gathered as each is done and then released: no worker
    # holds the findings of the whole run, as a bag's final concatenation would.
    # Not optimised: fusing each collection's chain on its own would give the partitions
    # two sets of keys, and every document would be checked twice.
    document_futures = documents.to_delayed(optimize_graph=False)
    futures = client.compute([*document_futures, *cross.to_delayed(optimize_graph=False)],
                             retries=RETRIES, optimize_graph=False)
    show = progress if progress is not None else sys.stderr.isatty()
    # The client takes in each partition as it is done, while the workers go on.
    finisher = Finisher(plan)
    in_order = _InOrder(finisher)
    checked: list[Any] = []

    def take(position: int, result: Any) -> None:
        if position < len(document_futures):
            in_order.add(position, result)
        else:
            checked.append(result)

    try:
        with _interruptible() as interrupted:
            bar = _progress_bar(futures) if show else None
            _collect(futures, interrupted, take)
            if bar is not None:
                bar.join(timeout=5)
    except BaseException:  # Ctrl-C, or a task that failed for good: stop the rest
        client.cancel(futures, force=True)
        raise
    cross_findings = dict(sorted(item for part in checked for item in part))
    for key in plan.cross_keys():  # a corpus rule no document gave a piece still runs
        if key not in cross_findings:
            cross_findings[key] = check_key(plan, key, [])
    for marked in cross_findings.values():
        finisher.add_findings(marked)
    return finisher.result(paths)
