#!/usr/bin/env python3
"""Pre-selection at volume: declares a vacancy on a demo dwelling and times, over N calls each,
the explained top 3 and top 20 (GET /api/v1/vacancies/{id}/candidates) and the « why not? »
explanation of the 20th (a COUNT over the ranking table). Prints medians and p95 in ms.

    logis seed generated --requests 100000          # once, on the database under test
    logis serve --port 8096 &                      # same LOGIS_SQLITE_PATH or DATABASE_URL
    python3 Benchmarks/allocation/preselection_bench.py http://127.0.0.1:8096 VAU-COS-2

The dwelling must not already be vacant (each run declares it): pass another reference of the
demo stock for the next run (VAU-COS-2, VAU-COS-3, VAU-MAR-1 … are in Vauvert)."""

import json
import statistics
import sys
import time
import urllib.request

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8096"
DWELLING = sys.argv[2] if len(sys.argv) > 2 else "VAU-COS-2"
CALLS = 30


def call(method: str, path: str, token: str | None = None, body: dict | None = None):
    request = urllib.request.Request(BASE + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def timed(path: str, token: str) -> tuple[float, float]:
    samples = []
    for _ in range(CALLS):
        start = time.perf_counter()
        call("GET", path, token)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    token = call("POST", "/api/v1/session", body={"email": "bailleur@demo.logis.fr", "password": "logis-demo-2026"})[
        "token"]
    dwelling = next(d for d in call("GET", "/api/v1/dwellings", token) if d["reference"] == DWELLING)
    vacancy = call("POST", "/api/v1/vacancies", token, {"dwellingId": dwelling["id"], "availableOn": "2026-12-15"})["id"]
    twenty = call("GET", f"/api/v1/vacancies/{vacancy}/candidates?count=20", token)["candidates"]
    for label, path in (
        ("top 3, explained", f"/api/v1/vacancies/{vacancy}/candidates"),
        ("top 20, explained", f"/api/v1/vacancies/{vacancy}/candidates?count=20"),
        ("why not: rank of the 20th", f"/api/v1/vacancies/{vacancy}/candidates/{twenty[-1]['nud']}/explanation"),
    ):
        median, p95 = timed(path, token)
        print(f"{label:28} median {median:6.1f} ms   p95 {p95:6.1f} ms   ({CALLS} calls)")


if __name__ == "__main__":
    main()
