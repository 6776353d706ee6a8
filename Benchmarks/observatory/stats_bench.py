#!/usr/bin/env python3
"""Time of every statistics answer on a generated register (issue 16: under 200 ms at national scale).

    python3 Benchmarks/observatory/stats_bench.py --bin .build-release/release/logis \
        --postgres postgres://logis:logis@127.0.0.1:5432/logis_gen_national [--runs 5]

Starts `logis serve` on the given database (filled by `logis generate`; the jobs off), then for
each figure of `/api/v1/stats/public/{figure}` times: over all territories the first answer of the
day (computed, then kept by `NationalFigures`) and the median of --runs later ones; over the
territory holding the most requests, and over its most wished commune, the median of --runs
answers (live). Also the whole public page over that territory. Prints a markdown table.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

FIGURES = [
    "stock-by-commune", "stock-by-bailleur", "stock-by-typology", "stock-by-financing", "pending-by-commune",
    "pending-by-typology", "pressure", "wait", "attributions-by-quartile", "attributions-to-priority",
    "renewals-and-strike-offs",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(port, path):
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as response:
        response.read()
        if response.status != 200:
            sys.exit(f"stats_bench: {path} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def psql(url, query):
    return subprocess.run(["psql", url, "-qtAc", query], check=True, capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="logis-stats-bench-")
    env = dict(os.environ, DATABASE_URL=args.postgres, LOGIS_FILES_DIR=f"{work}/files", LOG_LEVEL="warning",
               LOGIS_JOBS="off")
    slug, requests = psql(args.postgres, """
        SELECT t.slug, COUNT(*) FROM housing_requests h JOIN territories t ON t.id = h.territory_id
        GROUP BY t.slug ORDER BY COUNT(*) DESC LIMIT 1""").split("|")
    commune = psql(args.postgres, f"""
        SELECT c.insee_code FROM request_wishes w JOIN communes c ON c.id = w.commune_id
        JOIN territories t ON t.id = c.territory_id WHERE t.slug = '{slug}'
        GROUP BY c.insee_code ORDER BY COUNT(*) DESC LIMIT 1""")
    total = psql(args.postgres, "SELECT COUNT(*) FROM housing_requests")
    port = free_port()
    server = subprocess.Popen([os.path.abspath(args.bin), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=open(f"{work}/server.log", "w"))
    try:
        for _ in range(600):
            try:
                timed(port, "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        # Today's national figures are computed again (the table exists once the server migrated):
        # the first answer is the one a reader waits for when the morning job has not run.
        psql(args.postgres, "DELETE FROM national_figures")
        rows = []
        for figure in FIGURES:
            base = f"/api/v1/stats/public/{figure}"
            first = timed(port, base)
            kept = statistics.median(timed(port, base) for _ in range(args.runs))
            territory = statistics.median(timed(port, f"{base}?territoire={slug}") for _ in range(args.runs))
            local = statistics.median(
                timed(port, f"{base}?territoire={slug}&commune={commune}") for _ in range(args.runs))
            rows.append((figure, first, kept, territory, local))
        page = statistics.median(timed(port, f"/observatoire/public?territoire={slug}") for _ in range(args.runs))
        national_page = statistics.median(timed(port, "/observatoire/public") for _ in range(args.runs))
        print(f"### Statistics at {int(total):,} requests (PostgreSQL, {time.strftime('%Y-%m-%d')}, "
              f"{os.cpu_count()} cores; median of {args.runs})\n")
        print(f"Largest territory: `{slug}` ({int(requests):,} requests); its most wished commune: {commune}.\n")
        print("| figure | all territories, first of the day (computed) | all territories, kept | "
              "largest territory (live) | its most wished commune (live) |")
        print("|---|---|---|---|---|")
        for figure, first, kept, territory, local in rows:
            print(f"| `{figure}` | {first:.0f} ms | {kept:.1f} ms | {territory:.1f} ms | {local:.1f} ms |")
        print(f"\nWhole public page: all territories (kept) {national_page:.0f} ms; "
              f"the largest territory (live) {page:.0f} ms.")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
