"""``factlint check`` on a growing archive: the local engine against Dask with 2 workers.

The archive is real copy: ../shared/bench/pd1998-sample.txt cut into articles of 40
lines and every article of ../shared/bench/news-dev/, replicated 1×, 4×, 16× and 64×
with a few digits changed in each copy (bench/archive.py); every other article has a
second, mutated version in each copy, declared with it as a version group in the
archive's sources file; the repository's rules/ are loaded (their selectors run over
every document).

Each run is a fresh process, so peak memory (``ru_maxrss``) is that run's own: the
local process, the Dask client, and each worker (asked at the end of the run).  Wall
time of the Dask run is given with and without starting the cluster.  On a machine
other people load, wall time says little; CPU seconds (user + system) of each process
are given too, and the *idle-machine speedup*, local CPU ÷ the busiest Dask process's
CPU, is what two free cores would give.  The growth exponent is the slope of
log(time) against log(size).  Run by hand::

    python bench/scale.py [--steps 1 4 16 64] [--workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(HERE))

LINES_PER_ARTICLE = 40


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu() -> float:
    """CPU seconds this process has used: unlike wall time, other users' load barely moves it."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def base_articles(limit: int | None = None) -> list[tuple[str, str]]:
    """(file name, text) of every article of the base corpus, in a fixed order."""
    from archive import split_articles

    articles = []
    lines = (SHARED / "pd1998-sample.txt").read_text(encoding="utf-8").splitlines()
    for index, text in enumerate(split_articles(lines, LINES_PER_ARTICLE)):
        articles.append((f"pd1998-{index:04d}.txt", text))
    news = SHARED / "news-dev"
    for path in sorted(news.glob("*/**/*.txt")):
        name = "news-" + "-".join(path.relative_to(news).parts)
        articles.append((name, path.read_text(encoding="utf-8")))
    if limit and limit < len(articles):  # an even sample of every source
        articles = [articles[i * len(articles) // limit] for i in range(limit)]
    return articles


def _config(archive: Path):
    from factlint.settings.config import load_config

    return load_config(str(archive), config_path=None, overrides={
        "paths": [str(archive)], "sources": str(archive / "sources.yaml"),
        "rules": [str(ROOT / "rules")]})


def run_local(archive: Path) -> dict:
    from factlint.rules.engine import check_corpus

    config = _config(archive)
    start, cpu = time.perf_counter(), _cpu()
    result = check_corpus(None, config)
    wall = time.perf_counter() - start
    return {"wall": wall, "cpu": _cpu() - cpu, "findings": len(result.findings),
            "rss_mb": _peak_mb()}


def _warm_up() -> None:
    import factlint.quantities.extractor
    import factlint.rules.engine  # noqa: F401


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_dask(archive: Path, workers: int) -> dict:
    from factlint.rules.dask_engine import connect
    from factlint.rules.engine import check_corpus

    config = _config(archive)
    start = time.perf_counter()
    with connect(jobs=workers) as client:
        client.wait_for_workers(workers)
        client.run(_warm_up)  # imports, as a long-running cluster has done already
        worker_cpu = client.run(_cpu)
        ready, cpu, main_cpu = time.perf_counter(), _cpu(), time.thread_time()
        result = check_corpus(None, config, client=client)
        done, client_cpu = time.perf_counter(), _cpu() - cpu
        main_cpu = time.thread_time() - main_cpu
        worker_cpu = [after - worker_cpu[address]
                      for address, after in sorted(client.run(_cpu).items())]
        worker_mb = [mb for _, mb in sorted(client.run(_worker_peak_mb).items())]
        in_tasks = client.run_on_scheduler(_task_cpu)
    return {"wall": done - ready, "startup": ready - start, "findings": len(result.findings),
            "rss_mb": _peak_mb(), "worker_rss_mb": worker_mb, "cpu": client_cpu,
            "main_cpu": main_cpu, "worker_cpu": worker_cpu, "task_cpu": in_tasks}


def _task_cpu(dask_scheduler) -> dict[str, float]:
    """CPU seconds the workers spent running each kind of task (Dask's fine metrics,
    by key prefix): the rest of a worker's CPU is Dask's own (event loop, transfers)."""
    spent: dict[str, float] = {}
    for key, value in dask_scheduler.cumulative_worker_metrics.items():
        if (isinstance(key, tuple) and len(key) == 4 and key[0] == "execute"
                and key[2] == "thread-cpu"):
            spent[key[1]] = spent.get(key[1], 0.0) + value
    return dict(sorted(spent.items(), key=lambda item: -item[1]))


def _child(mode: str, archive: Path, workers: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--archive", str(archive),
         "--workers", str(workers)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(output.stdout.strip().splitlines()[-1])


def _slope(sizes: list[float], times: list[float]) -> float:
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
            / sum((x - mx) ** 2 for x in xs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None,
                        help="use N articles of the base corpus, sampled evenly")
    parser.add_argument("--keep", metavar="DIR", help="write the archives here and keep them")
    parser.add_argument("--child", choices=("local", "dask"), help=argparse.SUPPRESS)
    parser.add_argument("--archive", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        figures = (run_local(args.archive) if args.child == "local"
                   else run_dask(args.archive, args.workers))
        print(json.dumps(figures))
        return

    from archive import write_archive

    articles = base_articles(args.limit)
    base_mb = sum(len(text.encode("utf-8")) * (1 if i % 2 else 2)
                  for i, (_, text) in enumerate(articles)) / 2**20  # with second versions
    largest_kb = max(len(text.encode("utf-8")) for _, text in articles) / 1024
    print(f"base corpus: {len(articles)} articles, {base_mb:.2f} MB, largest {largest_kb:.0f} KB;"
          f" load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="factlint-scale-"))
    rows = []
    try:
        for step in args.steps:
            archive = root / f"x{step}"
            if not archive.exists():
                write_archive(articles, step, archive)
            local = _child("local", archive, args.workers)
            dask = _child("dask", archive, args.workers)
            assert local["findings"] == dask["findings"], (local, dask)
            rows.append((step, local, dask))
            documents = (len(articles) + (len(articles) + 1) // 2) * step
            print(f"{step:>3}× {documents:>7} docs {base_mb * step:8.1f} MB | "
                  f"local {local['wall']:8.1f} s {local['rss_mb']:7.0f} MB | "
                  f"dask {dask['wall']:8.1f} s (+{dask['startup']:.1f} s start) "
                  f"client {dask['rss_mb']:5.0f} MB workers "
                  f"{'/'.join(f'{m:.0f}' for m in dask['worker_rss_mb'])} MB | "
                  f"speedup {local['wall'] / dask['wall']:.2f}× | CPU s: local "
                  f"{local['cpu']:.1f}, client {dask['cpu']:.1f}, workers "
                  f"{'/'.join(f'{c:.1f}' for c in dask['worker_cpu'])}, idle-machine speedup "
                  f"{local['cpu'] / max(dask['cpu'], *dask['worker_cpu']):.2f}× | "
                  f"{local['findings']} findings | load {os.getloadavg()[0]:.1f}", flush=True)
            tasks = dask["task_cpu"]
            print(f"      client CPU: {dask['main_cpu']:.1f} s its main thread (plan, "
                  f"batches, results, sort), {dask['cpu'] - dask['main_cpu']:.1f} s the "
                  f"others (Dask's comms); workers' CPU in tasks: "
                  + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in tasks.items()
                              if seconds >= 0.05)
                  + f"; the rest (Dask itself): "
                  f"{sum(dask['worker_cpu']) - sum(tasks.values()):.1f} s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    if len(rows) > 1:
        sizes = [step for step, _, _ in rows]
        wall = [_slope(sizes, [r[i]["wall"] for r in rows]) for i in (1, 2)]
        print(f"growth exponent of wall time: local {wall[0]:.2f}"
              f", dask {wall[1]:.2f}; of CPU time: local "
              f"{_slope(sizes, [r[1]['cpu'] for r in rows]):.2f}, dask busiest worker "
              f"{_slope(sizes, [max(r[2]['worker_cpu']) for r in rows]):.2f}")
    step, local, dask = rows[-1]
    documents = (len(articles) + (len(articles) + 1) // 2) * step
    per_mb = local["cpu"] / (base_mb * step)
    efficiency = local["cpu"] / sum(dask["worker_cpu"])  # CPU Dask adds on the workers
    print(f"per-document cost: {1000 * local['cpu'] / documents:.1f} ms CPU a document, "
          f"{per_mb:.2f} s CPU per MB; 1 GB on 16 workers at the measured CPU efficiency "
          f"{efficiency:.2f}: {1024 * per_mb / (16 * efficiency) / 60:.1f} min of checking "
          f"(plus starting the cluster and the client's share)")


if __name__ == "__main__":  # guarded: Dask's worker processes start by spawn
    main()
