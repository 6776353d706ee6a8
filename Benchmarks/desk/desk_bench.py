#!/usr/bin/env python3
"""Latency of the desk's lists and of the applicant's cotation page with many requests.

    python3 Benchmarks/desk/desk_bench.py --bin .build/release/logis --requests 100000 [--postgres URL]

Makes a fresh database (a temporary SQLite file, or the PostgreSQL database given, emptied
first), loads the demo then `logis seed generated --requests N` in Petite Camargue, starts the
server, signs in the demo registering agent and the demo applicant, and times each page one
request at a time over a kept-alive connection: the desk home, each work queue (first page),
a search by name and by NUD (POST), and the applicant's cotation page. Prints one JSON object:
per page, median, p95 and p99 in milliseconds over --runs requests, after a warm-up.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

QUEUES = ["en-ligne", "transmises", "pieces", "attestations", "renouvellements", "a-radier"]
PASSWORD = "logis-demo-2026"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One kept-alive connection with cookies, as a person at a desk would have."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = {}
        # The `_csrf` field of the last page, as a browser posts it: the cookie only holds the
        # nonce the token is bound to.
        self.csrf = ""

    def request(self, method, path, form=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            form = dict(form, _csrf=self.csrf)
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closes connections idle for 30 s; a browser reconnects, so do we.
            self.connection.close()
            self.connection.connect()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        field = re.search(rb'name="_csrf" value="([^"]*)"', data)
        if field:
            self.csrf = field.group(1).decode()
        return response.status, data

    def sign_in(self, email):
        self.request("GET", "/connexion")
        status, _ = self.request("POST", "/connexion", {"email": email, "password": PASSWORD})
        if status != 303:
            sys.exit(f"desk_bench: sign-in of {email} answered {status}")
        # The token is bound to the session: take it from a page of the signed-in account.
        self.request("GET", "/compte")


def timed(browser, method, path, form, runs, expect=200):
    for _ in range(5):
        browser.request(method, path, form)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        status, _ = browser.request(method, path, form)
        samples.append((time.perf_counter() - started) * 1000)
        if status != expect:
            sys.exit(f"desk_bench: {method} {path} answered {status}")
    samples.sort()
    print(f"{method} {path}: median {statistics.median(samples):.1f} ms", file=sys.stderr)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
        "p99_ms": round(samples[int(len(samples) * 0.99) - 1], 1),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release/logis")
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--postgres", help="postgres://… (the database is emptied first)")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin)
    work = tempfile.mkdtemp(prefix="logis-desk-bench-")
    env = dict(os.environ, LOGIS_SQLITE_PATH=f"{work}/logis.sqlite", LOGIS_FILES_DIR=f"{work}/files",
               LOGIS_BCRYPT_COST="4", LOG_LEVEL="warning",
               # The nightly jobs would run at start over the 100,000 requests and compete with the pages.
               LOGIS_JOBS="off")
    env.pop("DATABASE_URL", None)
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
        subprocess.run(["psql", args.postgres, "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"],
                       check=True, capture_output=True)
    started = time.time()
    subprocess.run([binary, "seed", "generated", "--requests", str(args.requests)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    seeded = time.time() - started
    if args.postgres:
        # What autovacuum does after a bulk load: statistics for the planner, and the visibility
        # map that lets an index-only scan skip the table.
        subprocess.run(["psql", args.postgres, "-qc", "VACUUM ANALYZE"], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=open(f"{work}/server.log", "w"))
    try:
        for _ in range(600):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        agent = Browser(port)
        agent.sign_in("enregistreur@demo.logis.fr")
        applicant = Browser(port)
        applicant.sign_in("demandeur@demo.logis.fr")
        _, home = agent.request("GET", "/guichet")
        nud = re.search(rb"(0301\d{9}GDGEN)", home)
        results = {"home": timed(agent, "GET", "/guichet", None, args.runs)}
        for queue in QUEUES:
            results[f"queue {queue}"] = timed(agent, "GET", f"/guichet/file/{queue}", None, args.runs)
        # « martin » matches some 7,000 files of the generated territory, « martin manon » some 500.
        results["search by name"] = timed(agent, "POST", "/guichet/recherche", {"q": "martin"}, args.runs)
        results["search by two names"] = timed(agent, "POST", "/guichet/recherche", {"q": "martin manon"},
                                               args.runs)
        if nud:
            results["search by NUD"] = timed(agent, "POST", "/guichet/recherche", {"q": nud.group(1).decode()},
                                             args.runs)
        results["applicant cotation"] = timed(applicant, "GET", "/mon-espace/cotation", None, args.runs)
        print(json.dumps({
            "database": "postgres" if args.postgres else "sqlite", "requests": args.requests,
            "seed_seconds": round(seeded, 1), "runs": args.runs, "pages": results,
        }, ensure_ascii=False, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
