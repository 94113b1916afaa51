"""Drive a bounded load over the key pages of a running CUS and report latencies.

Usage (bench/run does all of this): python bench/load.py --base http://127.0.0.1:8765
    --user bench --password ... --targets bench/targets.json --concurrency 8 --seconds 20

Each page is driven on its own for a fixed time by ``concurrency`` threads, each
with its own logged-in keep-alive connection. The server adds X-Query-Count to
every response when CUS_BENCH_HEADERS=1, so the SQL queries per request are
reported beside the latencies. The pages marked ``ceiling`` (cus/bench.py) come first:
the app's own ceiling, measured in the same run the same way as every page, and again
at the end, so that a host whose speed changed during the run shows it.
"""

import argparse
import http.client
import json
import re
import threading
import time
from urllib.parse import urlencode, urlsplit


class Session:
    """One keep-alive HTTP connection with its own cookies (a logged-in browser tab)."""

    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, data

    def login(self, username, password):
        _response, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        response, _data = self.request(
            "POST",
            "/login/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{self.host}:{self.port}/login/",
            },
        )
        if response.status != 302:
            raise SystemExit(f"login as {username} failed: HTTP {response.status}")


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def drive(page, sessions, seconds):
    """Request the page's URLs round-robin from every session for ``seconds``."""
    latencies, queries, errors = [], [], []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    urls = page["urls"]

    def worker(session, offset):
        n = offset
        while time.perf_counter() < deadline:
            url = urls[n % len(urls)]
            n += 1
            started = time.perf_counter()
            try:
                response, _data = session.request("GET", url)
                status = response.status
                count = response.headers.get("X-Query-Count")
            except Exception as error:
                status, count = repr(error), None
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                    if count is not None:
                        queries.append(int(count))
                else:
                    errors.append(f"{url}: {status}")

    threads = [
        threading.Thread(target=worker, args=(session, i)) for i, session in enumerate(sessions)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "name": page["name"],
        "budget_ms": page.get("budget_ms"),
        "ceiling": page.get("ceiling", False),
        "requests": len(latencies) + len(errors),
        "rps": (len(latencies) + len(errors)) / wall,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "errors": len(errors),
        "error_samples": errors[:3],
        "queries_max": max(queries) if queries else None,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--targets", required=True, help="JSON: users and pages to drive")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()

    with open(args.targets, encoding="utf-8") as handle:
        targets = json.load(handle)
    results = []
    sessions_by_user = {}
    ceiling = [page for page in targets["pages"] if page.get("ceiling")]
    again = [{**page, "name": f"{page['name']} — again, at the end"} for page in ceiling]
    for page in targets["pages"] + again:
        user = page.get("user", targets["default_user"])
        if user not in sessions_by_user:
            sessions = [Session(args.base) for _ in range(args.concurrency)]
            for session in sessions:
                session.login(user, targets["password"])
            sessions_by_user[user] = sessions
        sessions = sessions_by_user[user]
        # The very first request: a cached report is computed here (cus.reports).
        started = time.perf_counter()
        sessions[0].request("GET", page["urls"][0])
        first_ms = (time.perf_counter() - started) * 1000
        if args.warmup:
            drive(page, sessions, args.warmup)
        result = drive(page, sessions, args.seconds)
        result["first_ms"] = first_ms
        results.append(result)
        print(
            f"{result['name']:<40} p50 {result['p50']:7.1f}  p95 {result['p95']:7.1f}  "
            f"p99 {result['p99']:7.1f} ms  {result['rps']:6.1f} req/s  "
            f"errors {result['errors']}  queries {result['queries_max']}",
            flush=True,
        )
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
