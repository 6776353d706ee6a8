#!/usr/bin/env python3
"""Throughput of the JSON API beside a static file of the same server, with wrk.

    python3 Benchmarks/http/wrk_bench.py --bin .build-release/release/logis [--postgres URL] [--rounds 3]

Makes a fresh database (a temporary SQLite file, or the PostgreSQL database given, emptied first),
loads the demo (`logis seed demo`), starts `logis serve` with the jobs off, takes API tokens for
the demo applicant, the registering agent and the bailleur, then runs wrk (2 threads, 64
connections, --seconds each) on each target in turn, --rounds times interleaved: the applicant's
request (`GET /api/v1/requests/{id}`), a desk queue (`GET /api/v1/guichet/queues/pieces`), the
candidates of a vacancy (`GET /api/v1/vacancies/{id}/candidates`), a static file (`/css/logis.css`)
and `/healthz`. The server's resident memory is sampled every 100 ms during each run. Prints a
markdown table: per target the median over the rounds of requests per second, p50 and p99
latency, the ratio to the static file's req/s of the same round, and the highest RSS seen.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

PASSWORD = "logis-demo-2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(port, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def token(port, email):
    return call(port, "POST", "/api/v1/session", body={"email": email, "password": PASSWORD})["token"]


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def to_ms(text):
    """wrk's latencies: 812.00us, 3.21ms, 1.02s, 1.10m."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        sys.exit(f"wrk_bench: unreadable latency {text!r}")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run_wrk(port, path, token, seconds, pid):
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_kb(pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    command = ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    output = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                            check=True).stdout
    done.set()
    sampler.join()
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    # The latency distribution's lines (the thread statistics also end in « …99% »).
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"wrk_bench: {path} answered {errors.group(1)} errors:\n{output}")
    return {"rate": rate, "p50": p50, "p99": p99, "rss_mb": peak[0] / 1024}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--postgres", help="postgres://… (the database is emptied first)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    work = tempfile.mkdtemp(prefix="logis-wrk-bench-")
    env = dict(os.environ, LOGIS_SQLITE_PATH=f"{work}/logis.sqlite", LOGIS_FILES_DIR=f"{work}/files",
               LOGIS_BCRYPT_COST="4", LOG_LEVEL="warning", LOGIS_JOBS="off")
    env.pop("DATABASE_URL", None)
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
        subprocess.run(["psql", args.postgres, "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"],
                       check=True, capture_output=True)
    subprocess.run([binary, "seed", "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=open(f"{work}/server.log", "w"))
    try:
        for _ in range(300):
            try:
                call(port, "GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        applicant = token(port, "demandeur@demo.logis.fr")
        agent = token(port, "enregistreur@demo.logis.fr")
        bailleur = token(port, "bailleur@demo.logis.fr")
        requests = call(port, "GET", "/api/v1/requests", applicant)
        request_id = requests[0]["id"]
        vacancies = call(port, "GET", "/api/v1/vacancies", bailleur)
        if vacancies:
            vacancy_id = vacancies[0]["id"]
        else:
            # The demo's bailleur has dwellings but no vacancy open: declare one, as its agent would.
            dwelling = call(port, "GET", "/api/v1/dwellings", bailleur)[0]["id"]
            vacancy_id = call(port, "POST", "/api/v1/vacancies", bailleur,
                              {"dwellingId": dwelling, "availableOn": time.strftime("%Y-%m-%d")})["id"]
        targets = [
            ("`GET /api/v1/requests/{id}` (applicant)", f"/api/v1/requests/{request_id}", applicant),
            ("`GET /api/v1/guichet/queues/pieces` (desk)", "/api/v1/guichet/queues/pieces", agent),
            ("`GET /api/v1/vacancies/{id}/candidates` (bailleur)", f"/api/v1/vacancies/{vacancy_id}/candidates",
             bailleur),
            ("`GET /healthz`", "/healthz", None),
            ("static file `/css/logis.css`", "/css/logis.css", None),
        ]
        rounds = []
        for _ in range(args.rounds):
            rounds.append({path: run_wrk(port, path, tok, args.seconds, server.pid) for _, path, tok in targets})
        database = "PostgreSQL" if args.postgres else "SQLite"
        print(f"### HTTP with wrk -t2 -c64, {args.seconds} s per run, median of {args.rounds} rounds "
              f"({database}, demo data, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')})\n")
        print("| target | req/s | p50 ms | p99 ms | req/s ÷ static file's | peak RSS MB |")
        print("|---|---|---|---|---|---|")
        static = "/css/logis.css"
        for label, path, _ in targets:
            rates = [r[path]["rate"] for r in rounds]
            ratio = statistics.median(r[path]["rate"] / r[static]["rate"] for r in rounds)
            print(f"| {label} | {statistics.median(rates):.0f} | "
                  f"{statistics.median(r[path]['p50'] for r in rounds):.2f} | "
                  f"{statistics.median(r[path]['p99'] for r in rounds):.2f} | {ratio:.2f} | "
                  f"{max(r[path]['rss_mb'] for r in rounds):.0f} |")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
