"""Write bench/RESULTS.md from bench/load.py's JSON: date, machine, and one row per page
with its throughput as a fraction of the ceiling measured in the same run (cus/bench.py)."""

import argparse
import datetime
import json
import os
import platform
import subprocess

QUERY_BUDGET = 15
# Beyond this change of the ceiling between the start and the end, the run says it was unsteady.
DRIFT = 0.10


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


def ceilings(results):
    """Each kind of ceiling row ("healthz", "base") -> its req/s at the start and the end."""
    measured = {}
    for row in results:
        if row.get("ceiling"):
            measured.setdefault(row["ceiling"], []).append(row["rps"])
    return measured


def percent_of(row, rps):
    """The row's throughput as a percentage of the ceiling's mean req/s, or a dash."""
    if not rps or not sum(rps):
        return "–"
    return f"{100 * row['rps'] * len(rps) / sum(rps):.0f} %"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True)
    parser.add_argument("--scale", required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--load-seconds", type=int, default=0)
    parser.add_argument("--reused", action="store_true", help="the dataset was loaded before")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.results, encoding="utf-8") as handle:
        results = json.load(handle)
    ceiling = ceilings(results)

    dataset = "loaded before, reused" if args.reused else f"loaded in {args.load_seconds} s"
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {machine()}",
        f"- Dataset: `generate_load_data --scale {args.scale}` ({dataset})",
        f"- Load: concurrency {args.concurrency}, {args.seconds:g} s per page after a warm-up; "
        "gunicorn 4 workers, pooled connections, DEBUG off",
        f"- Command: `bench/run --scale {args.scale}{' --database …' if args.reused else ''}`",
        "",
        "| page | p95 ms | p95 budget | req/s | % of ceiling | % of /healthz | p50 ms | p99 ms | "
        "first request ms | queries | errors | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
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
        if row.get("ceiling"):
            verdict = "ceiling" if met else "**errors**"
        else:
            verdict = "met" if met else "**missed**"
        lines.append(
            f"| {row['name']} | {row['p95']:.1f} | {budget or '–'} | {row['rps']:.1f} | "
            f"{percent_of(row, ceiling.get('base'))} | "
            f"{percent_of(row, ceiling.get('healthz'))} | {row['p50']:.1f} | "
            f"{row['p99']:.1f} | {row.get('first_ms', float('nan')):.0f} | "
            f"{queries if queries is not None else '–'} | {row['errors']} | {verdict} |"
        )
    lines += [
        "",
        f"All budgets met: **{'yes' if all_met else 'no'}** (p95 per page, at most "
        f'{QUERY_BUDGET} queries per page, zero errors). "first request" is one request '
        "before the warm-up: for the cached reports (quarterly review, indicators, capacity, "
        "OSL progress totals) it is the computation after a change of their data.",
        "",
        "The first two rows and the last two are the app's ceiling, driven in the same run "
        "with the same "
        "driver and load: `/healthz` (`SELECT 1`, no template) and a staff page that renders "
        'only `base.html` (session, user, menu). "% of ceiling" is a page\'s req/s as a '
        "fraction of the base page's, \"% of /healthz\" of the health check's (the mean of "
        "their two measurements, at the start and at the end). The host's own speed swings "
        "about 2× between days with the same code, so milliseconds and req/s compare only "
        "within one run; the ratios are what compare runs.",
        "",
    ]
    if len(ceiling.get("base", [])) == 2:
        start, end = ceiling["base"]
        drift = abs(end - start) / max(start, end)
        lines += [
            f"The base page ran at {start:.1f} req/s at the start and {end:.1f} at the end: "
            + (
                f"the host's speed changed by {drift:.0%} during the run (other load?); "
                "the ratios are only as good as that."
                if drift > DRIFT
                else "the host's speed held during the run."
            ),
            "",
        ]
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main()
