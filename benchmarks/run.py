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
VARIANTS = ("project", "plain")
SCENARIOS = ("cold build", "warm build, nothing changed", "warm build, one guide edited",
             "warm build, reference edited", "invoke check", "invoke check, nothing cached", "serve: edit one guide, page on disk",
             "peak memory (MB)")  # "invoke check": one guide edited since the last build


def _run(task: str, variant: str, work: Path) -> tuple[float, float]:
    """Run one timed task in a fresh process; return its seconds and peak memory in MB."""
    process = subprocess.Popen([sys.executable, str(ONCE), task, variant, str(work)], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    _pid, status, usage = os.wait4(process.pid, 0)
    out = process.stdout.read() if process.stdout else ""
    if status != 0:
        raise SystemExit(f"bench: {task} with {variant} failed (status {status}); run benchmarks/build_once.py {task} {variant} {work}")
    seconds = json.loads(out.strip().splitlines()[-1])["seconds"]
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


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
            for variant in (VARIANTS if rep % 2 == 0 else VARIANTS[::-1]):
                for folder in (f"cache-{variant}", f"output-{variant}"):
                    shutil.rmtree(work / folder, ignore_errors=True)
                record = results[variant]
                seconds, memory = _run("build", variant, work)
                record["cold build"].append(seconds)
                record["peak memory (MB)"].append(memory)
                record["warm build, nothing changed"].append(_run("build", variant, work)[0])
                if variant == "project":
                    # As a writer runs it: one guide edited since the last build, which is all it re-reads.
                    old = _edit(guide, f"check {rep}")
                    record["invoke check"].append(_run("check", variant, work)[0])
                    guide.write_text(old, encoding="utf-8")
                    # And with nothing to reuse, every file read, rendered and checked.
                    cache, aside = work / f"cache-{variant}", work / f"cache-{variant}.aside"
                    cache.rename(aside)
                    record["invoke check, nothing cached"].append(_run("check", variant, work)[0])
                    aside.rename(cache)
                old = _edit(guide, f"{variant} {rep}")
                record["warm build, one guide edited"].append(_run("build", variant, work)[0])
                guide.write_text(old, encoding="utf-8")
                if variant == "project":
                    old = reference.read_text(encoding="utf-8")
                    reference.write_text(old + f"\n# edited for the benchmark ({rep})\n", encoding="utf-8")
                    record["warm build, reference edited"].append(_run("build", variant, work)[0])
                    reference.write_text(old, encoding="utf-8")
                record["serve: edit one guide, page on disk"].append(_run("serve-edit", variant, work)[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def table(size: int, results: dict[str, dict[str, list[float]]]) -> list[str]:
    """Format one corpus size's medians and ratios as Markdown rows."""
    rows = [f"| N = {size:,} | project | plain Pelican | project / plain |", "| --- | ---: | ---: | ---: |"]
    for scenario in SCENARIOS:
        mine = results["project"].get(scenario)
        theirs = results["plain"].get(scenario)
        unit = "" if "memory" in scenario else " s"
        a = f"{statistics.median(mine):.2f}{unit}" if mine else "—"
        b = f"{statistics.median(theirs):.2f}{unit}" if theirs else "—"
        ratio = f"{statistics.median(mine) / statistics.median(theirs):.2f}" if mine and theirs else "—"
        rows.append(f"| {scenario} | {a} | {b} | {ratio} |")
    return rows


def targets(all_results: dict[int, dict[str, dict[str, list[float]]]]) -> list[str]:
    """Check the issue's targets against the medians."""
    def med(size: int, variant: str, scenario: str) -> float | None:
        values = all_results.get(size, {}).get(variant, {}).get(scenario)
        return statistics.median(values) if values else None

    lines = ["| target | measured | met |", "| --- | ---: | --- |"]

    def add(name: str, value: float | None, limit: float, fmt: str = "{:.2f}") -> None:
        if value is None:
            lines.append(f"| {name} | not run | — |")
        else:
            lines.append(f"| {name} | {fmt.format(value)} | {'yes' if value <= limit else 'no'} |")

    cold, plain = med(1000, "project", "cold build"), med(1000, "plain", "cold build")
    add("cold build / plain Pelican at N=1,000 (≤ 1.10)", cold / plain if cold and plain else None, 1.10)
    check = med(1000, "project", "invoke check")
    add("`invoke check` / full build at N=1,000 (≤ 0.25)", check / cold if check and cold else None, 0.25)
    fresh = med(1000, "project", "invoke check, nothing cached")
    add("`invoke check`, nothing cached / full build at N=1,000 (≤ 0.25)", fresh / cold if fresh and cold else None, 0.25)
    warm = med(1000, "project", "warm build, nothing changed")
    add("warm / cold at N=1,000 (≤ 0.35)", warm / cold if warm and cold else None, 0.35)
    add("serve edit at N=1,000, seconds (≤ 1.5)", med(1000, "project", "serve: edit one guide, page on disk"), 1.5)
    big = med(5000, "project", "cold build")
    add("cold at 5,000 / cold at 1,000 (≤ 5.5)", big / cold if big and cold else None, 5.5)
    add("peak memory at N=5,000, MB (< 250)", med(5000, "project", "peak memory (MB)"), 250, "{:.0f}")
    return lines


def main(sizes: list[int], repeat: int) -> str:
    """Run every size and return the report."""
    all_results = {}
    out = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}.",
           f"Medians of {repeat} runs per scenario; the two builds alternate which goes first.", ""]
    for size in sizes:
        all_results[size] = measure(size, repeat)
        out += table(size, all_results[size]) + [""]
        print("\n".join(table(size, all_results[size])), flush=True)
    out += ["Targets:", ""] + targets(all_results)
    return "\n".join(out)
