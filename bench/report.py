"""Write bench/RESULTS.md from bench/load.py's JSON: date, machine, and one row per page."""

import argparse
import datetime
import json
import os
import platform
import subprocess

QUERY_BUDGET = 15


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            memory_gib = int(handle.readline().split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        memory_gib = 0
    try:
        postgres = subprocess.run(
            ["psql", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        postgres = "?"
    return f"{os.cpu_count()} CPU ({cpu}), {memory_gib:.0f} GiB RAM, {postgres}, Python {platform.python_version()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--scale", required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--load-seconds", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.results, encoding="utf-8") as handle:
        results = json.load(handle)

    lines = [
        "# Benchmark results",
        "",
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {machine()}",
        f"- Dataset: `generate_load_data --scale {args.scale}` (loaded in {args.load_seconds} s)",
        f"- Load: concurrency {args.concurrency}, {args.seconds:g} s per page after a warm-up; "
        "gunicorn 4 workers, pooled connections, DEBUG off",
        "- Command: `bench/run --scale " + args.scale + "`",
        "",
        "| page | first request ms | p50 ms | p95 ms | p99 ms | req/s | errors | queries | "
        "p95 budget | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    all_met = True
    for row in results:
        budget = row.get("budget_ms")
        queries = row.get("queries_max")
        met = (
            row["errors"] == 0
            and (budget is None or row["p95"] <= budget)
            and (queries is None or queries <= QUERY_BUDGET)
        )
        all_met &= met
        lines.append(
            f"| {row['name']} | {row.get('first_ms', float('nan')):.0f} | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} | "
            f"{row['rps']:.1f} | {row['errors']} | {queries if queries is not None else '–'} | "
            f"{budget or '–'} | {'met' if met else '**missed**'} |"
        )
    lines += [
        "",
        f"All budgets met: **{'yes' if all_met else 'no'}** (p95 per page, at most "
        f'{QUERY_BUDGET} queries per page, zero errors). "first request" is one request '
        "before the warm-up: for the cached reports (quarterly review, indicators, capacity, "
        "OSL progress totals) it is the computation after a change of their data.",
        "",
    ]
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main()
