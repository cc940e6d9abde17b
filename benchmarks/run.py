"""Time the project against plain Pelican on the same generated corpus, alternating the two, and print a table."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from .corpus import write_corpus

ROOT = Path(__file__).resolve().parent.parent
ONCE = Path(__file__).resolve().parent / "build_once.py"
# The project (checks, link check and search index included), Pelican with the project's theme and no plugins, and
# stock Pelican (its default theme and settings, no plugins); see build_once.VARIANTS.
VARIANTS = ("project", "plain", "stock")
NAMES = {"project": "project", "plain": "same theme", "stock": "stock Pelican"}
SCENARIOS = ("cold build", "warm build, nothing changed", "warm build, one guide edited",
             "warm build, reference edited", "invoke check", "invoke check, nothing cached", "serve: edit one guide, page on disk",
             "peak memory (MB)", "peak memory of Pagefind or a worker (MB)")  # "invoke check": one guide edited since the last build
TARGET_SIZES = (300, 1000)  # the sizes for the build ratios


def _run(task: str, variant: str, work: Path) -> dict[str, float]:
    """Run one timed task in a fresh process; return its seconds, its own peak memory and that of the largest process
    it started (Pagefind, or a worker reading guides), in MB."""
    result = subprocess.run([sys.executable, str(ONCE), task, variant, str(work)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"bench: {task} with {variant} failed (status {result.returncode}); "
                         f"run benchmarks/build_once.py {task} {variant} {work}")
    report: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def _edit(file: Path, mark: str) -> str:
    """Append a sentence to a file; return its old text to restore."""
    old = file.read_text(encoding="utf-8")
    file.write_text(old + f"\nEdited for the benchmark ({mark}).\n", encoding="utf-8")
    return old


def measure(size: int, repeat: int) -> dict[str, dict[str, list[float]]]:
    """Measure every scenario `repeat` times for both variants, alternating which goes first."""
    results: dict[str, dict[str, list[float]]] = {v: defaultdict(list) for v in VARIANTS}
    work = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
    try:
        write_corpus(work, size, seed=size)
        guide = work / "content" / "guides" / "guide-00000.md"
        reference = work / "content" / "data" / "reference.yaml"
        for rep in range(repeat):
            # Each repetition starts with another variant, so none always runs on a cooler or warmer machine.
            for variant in VARIANTS[rep % len(VARIANTS):] + VARIANTS[:rep % len(VARIANTS)]:
                for folder in (f"cache-{variant}", f"output-{variant}"):
                    shutil.rmtree(work / folder, ignore_errors=True)
                record = results[variant]
                cold = _run("build", variant, work)
                record["cold build"].append(cold["seconds"])
                record["peak memory (MB)"].append(cold["memory"])
                record["peak memory of Pagefind or a worker (MB)"].append(cold["started_memory"])
                record["warm build, nothing changed"].append(_run("build", variant, work)["seconds"])
                if variant == "project":
                    # As a writer runs it: one guide edited since the last build, which is all it re-reads.
                    old = _edit(guide, f"check {rep}")
                    record["invoke check"].append(_run("check", variant, work)["seconds"])
                    guide.write_text(old, encoding="utf-8")
                    # And with nothing to reuse, every file read, rendered and checked.
                    cache, aside = work / f"cache-{variant}", work / f"cache-{variant}.aside"
                    cache.rename(aside)
                    record["invoke check, nothing cached"].append(_run("check", variant, work)["seconds"])
                    aside.rename(cache)
                old = _edit(guide, f"{variant} {rep}")
                record["warm build, one guide edited"].append(_run("build", variant, work)["seconds"])
                guide.write_text(old, encoding="utf-8")
                if variant == "project":
                    old = reference.read_text(encoding="utf-8")
                    reference.write_text(old + f"\n# edited for the benchmark ({rep})\n", encoding="utf-8")
                    record["warm build, reference edited"].append(_run("build", variant, work)["seconds"])
                    reference.write_text(old, encoding="utf-8")
                record["serve: edit one guide, page on disk"].append(_run("serve-edit", variant, work)["seconds"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _median(results: dict[str, dict[str, list[float]]], variant: str, scenario: str) -> float | None:
    """Return the median of a scenario's runs, or None when it was not run."""
    values = results.get(variant, {}).get(scenario)
    return statistics.median(values) if values else None


def table(size: int, results: dict[str, dict[str, list[float]]]) -> list[str]:
    """Format one corpus size's medians, and the project's ratios to both Pelican variants, as Markdown rows."""
    rows = [f"| N = {size:,} | {' | '.join(NAMES[v] for v in VARIANTS)} | project / same theme | project / stock |",
            "| --- |" + " ---: |" * (len(VARIANTS) + 2)]
    for scenario in SCENARIOS:
        unit = "" if "memory" in scenario else " s"
        medians = {v: _median(results, v, scenario) for v in VARIANTS}
        cells = [f"{m:.2f}{unit}" if m else "—" for m in medians.values()]  # 0: a build that starts no process
        mine = medians["project"]
        ratios = [f"{mine / other:.2f}" if mine is not None and other else "—" for other in (medians["plain"], medians["stock"])]
        rows.append(f"| {scenario} | {' | '.join(cells + ratios)} |")
    return rows


def targets(all_results: dict[int, dict[str, dict[str, list[float]]]]) -> list[str]:
    """Check the targets against the medians."""
    lines = ["| target | measured | met |", "| --- | ---: | --- |"]

    def med(size: int, variant: str, scenario: str) -> float | None:
        return _median(all_results.get(size, {}), variant, scenario)

    def add(name: str, value: float | None, limit: float, fmt: str = "{:.2f}") -> None:
        if value is None:
            lines.append(f"| {name} | not run | — |")
        else:
            lines.append(f"| {name} | {fmt.format(value)} | {'yes' if value <= limit else 'no'} |")

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    for size in TARGET_SIZES:
        cold = med(size, "project", "cold build")
        add(f"cold build / stock Pelican at N={size:,} (≤ 1.10)", ratio(cold, med(size, "stock", "cold build")), 1.10)
        add(f"cold build / same theme at N={size:,} (≤ 0.80)", ratio(cold, med(size, "plain", "cold build")), 0.80)
    cold = med(1000, "project", "cold build")
    add("`invoke check` / full build at N=1,000 (≤ 0.25)", ratio(med(1000, "project", "invoke check"), cold), 0.25)
    add("`invoke check`, nothing cached / full build at N=1,000 (≤ 0.25)",
        ratio(med(1000, "project", "invoke check, nothing cached"), cold), 0.25)
    add("warm / cold at N=1,000 (≤ 0.35)", ratio(med(1000, "project", "warm build, nothing changed"), cold), 0.35)
    add("serve edit at N=1,000, seconds (≤ 1.5)", med(1000, "project", "serve: edit one guide, page on disk"), 1.5)
    add("cold at 5,000 / cold at 1,000 (≤ 5.5)", ratio(med(5000, "project", "cold build"), cold), 5.5)
    add("peak memory at N=5,000, MB, the build (≤ 250)", med(5000, "project", "peak memory (MB)"), 250, "{:.0f}")
    add("peak memory at N=5,000, MB, Pagefind (≤ 250)", med(5000, "project", "peak memory of Pagefind or a worker (MB)"), 250, "{:.0f}")
    return lines


def main(sizes: list[int], repeat: int) -> str:
    """Run every size and return the report."""
    all_results = {}
    out = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}.",
           f"Medians of {repeat} runs per scenario; each repetition starts with another of the three builds.", ""]
    for size in sizes:
        all_results[size] = measure(size, repeat)
        out += table(size, all_results[size]) + [""]
        print("\n".join(table(size, all_results[size])), flush=True)
    out += ["Targets:", ""] + targets(all_results)
    return "\n".join(out)
