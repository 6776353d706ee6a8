#!/usr/bin/env python3
"""Anonymous denial-of-service attacks against a running Logis, measured from outside.

    python3 Benchmarks/attacks/dos.py slow-body  --pid PID [--url http://127.0.0.1:8080] [--clients 150]
    python3 Benchmarks/attacks/dos.py idle       --pid PID [--url ...] [--sockets 1000]
    python3 Benchmarks/attacks/dos.py sign-in    --pid PID [--url ...] [--clients 200]
    python3 Benchmarks/attacks/dos.py uploads    --pid PID [--url ...] [--clients 100]

slow-body: each client posts a 6 MB multipart body to the sign-in page with a made-up CSRF
cookie (no account), as fast as the socket takes it. idle: each socket sends half a request
head and then nothing. sign-in: each client signs in with a wrong password, from an address of
its own as a trusting proxy would report it (X-Forwarded-For), so that each costs a Bcrypt check.
uploads (needs --demo): the demo applicant sends the same 5 MB piece CLIENTS times at once on
the API, each on its own connection, as fast as the socket takes it.
All four sample `/healthz` every half second during the attack and read the
server's resident memory from /proc; they print one JSON line with the figures.
"""

import argparse
import asyncio
import json
import os
import statistics
import time
from urllib.parse import urlparse

BODY_SIZE = 6_000_000


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def health_latency(host, port, timeout=10.0):
    """Seconds to get a full /healthz answer on a new connection, or None on timeout/failure."""
    started = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        writer.write(f"GET /healthz HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await asyncio.wait_for(reader.read(4096), timeout)
        writer.close()
        if not data.startswith(b"HTTP/1.1 200"):
            return None
        return time.monotonic() - started
    except (OSError, asyncio.TimeoutError):
        return None


async def sample(host, port, pid, stop, samples):
    while not stop.is_set():
        latency = await health_latency(host, port)
        samples.append((latency, rss_mib(pid)))
        await asyncio.sleep(0.5)


async def slow_body_client(host, port, results):
    boundary = "logisattack"
    head = (
        f"POST /connexion HTTP/1.1\r\nHost: {host}\r\n"
        f"Cookie: logis_csrf={'A' * 43}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {BODY_SIZE}\r\n\r\n"
    ).encode()
    part = f"--{boundary}\r\nContent-Disposition: form-data; name=\"junk\"\r\n\r\n".encode()
    chunk = b"x" * 65536
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(head + part)
        sent = len(part)
        status = None
        while sent < BODY_SIZE:
            size = min(len(chunk), BODY_SIZE - sent)
            writer.write(chunk[:size])
            sent += size
            try:
                await asyncio.wait_for(writer.drain(), 30)
            except asyncio.TimeoutError:
                break
            if reader.at_eof():
                break
        try:
            line = await asyncio.wait_for(reader.readline(), 60)
            status = line.decode(errors="replace").strip()
        except asyncio.TimeoutError:
            status = "timeout"
        writer.close()
        results.append(status)
    except OSError as error:
        results.append(f"error {error.errno}")


async def idle_socket(host, port, opened, hold):
    """Half a request head, then silence; returns seconds until the server closed it (or None)."""
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return "refused"
    opened.append(1)
    writer.write(f"POST /connexion HTTP/1.1\r\nHost: {host}\r\n".encode())
    await writer.drain()
    started = time.monotonic()
    try:
        await asyncio.wait_for(reader.read(), hold)
        return time.monotonic() - started
    except asyncio.TimeoutError:
        return None
    except OSError:
        return time.monotonic() - started
    finally:
        writer.close()


async def sign_in_client(host, port, index, results):
    body = json.dumps({"email": f"inconnu{index}@exemple.fr", "password": "pas-le-bon-2026"}).encode()
    head = (
        f"POST /api/v1/session HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"X-Forwarded-For: 198.18.{index // 250}.{index % 250 + 1}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(head + body)
        await writer.drain()
        line = await asyncio.wait_for(reader.readline(), 120)
        results.append(line.decode(errors="replace").strip())
        writer.close()
    except (OSError, asyncio.TimeoutError) as error:
        results.append(type(error).__name__)


async def http_json(host, port, method, path, body=None, token=None):
    """One small JSON call on its own connection: (status, parsed body or None)."""
    payload = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {len(payload)}\r\n"
    if body is not None:
        head += "Content-Type: application/json\r\n"
    if token:
        head += f"Authorization: Bearer {token}\r\n"
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(head.encode() + b"\r\n" + payload)
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 30)
    writer.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    try:
        return status, json.loads(rest) if rest else None
    except ValueError:
        return status, None


async def demo_upload_target(host, port):
    """The demo applicant's token, request and first piece that can still be replaced."""
    status, session = await http_json(
        host, port, "POST", "/api/v1/session", {"email": "demandeur@demo.logis.fr", "password": "logis-demo-2026"})
    if status != 201:
        raise SystemExit(f"sign-in of the demo applicant answered {status}: start the server with --demo")
    token = session["token"]
    _, requests = await http_json(host, port, "GET", "/api/v1/requests", token=token)
    request_id = requests[0]["id"]
    _, checklist = await http_json(host, port, "GET", f"/api/v1/requests/{request_id}/documents", token=token)
    piece = next(item["code"] for item in checklist["checklist"] if item["status"] != "validee")
    return token, request_id, piece


async def upload_client(host, port, token, request_id, piece, results):
    boundary = "logisupload"
    pdf = b"%PDF-1.4\n" + b"0" * (5_000_000 - 9)
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"piece\"\r\n\r\n{piece}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cni.pdf\"\r\n"
        f"Content-Type: application/pdf\r\n\r\n"
    ).encode() + pdf + f"\r\n--{boundary}--\r\n".encode()
    head = (
        f"POST /api/v1/requests/{request_id}/documents HTTP/1.1\r\nHost: {host}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(head + body)
        try:
            await asyncio.wait_for(writer.drain(), 120)
        except (asyncio.TimeoutError, OSError):
            pass
        line = await asyncio.wait_for(reader.readline(), 120)
        results.append(line.decode(errors="replace").strip() or "closed")
        writer.close()
    except (OSError, asyncio.TimeoutError) as error:
        results.append(type(error).__name__)


def summarise(samples, started):
    latencies = [latency for latency, _ in samples if latency is not None]
    failures = sum(1 for latency, _ in samples if latency is None)
    return {
        "healthz_samples": len(samples),
        "healthz_failed_or_over_10s": failures,
        "healthz_median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "healthz_max_ms": round(max(latencies) * 1000, 1) if latencies else None,
        "rss_max_mib": round(max(rss for _, rss in samples), 1) if samples else None,
        "seconds": round(time.monotonic() - started, 1),
    }


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("attack", choices=["slow-body", "idle", "sign-in", "uploads"])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--clients", type=int, default=150)
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--hold", type=float, default=75.0)
    args = parser.parse_args()
    url = urlparse(args.url)
    host, port = url.hostname, url.port or 80
    target = await demo_upload_target(host, port) if args.attack == "uploads" else None
    rss_before = rss_mib(args.pid)
    stop = asyncio.Event()
    samples = []
    sampler = asyncio.create_task(sample(host, port, args.pid, stop, samples))
    started = time.monotonic()
    report = {"attack": args.attack, "rss_before_mib": round(rss_before, 1)}
    if args.attack == "slow-body":
        results = []
        await asyncio.gather(*(slow_body_client(host, port, results) for _ in range(args.clients)))
        counts = {}
        for status in results:
            counts[status] = counts.get(status, 0) + 1
        report["answers"] = counts
    elif args.attack == "uploads":
        results = []
        await asyncio.gather(*(upload_client(host, port, *target, results) for _ in range(args.clients)))
        counts = {}
        for status in results:
            counts[status] = counts.get(status, 0) + 1
        report["answers"] = counts
    elif args.attack == "sign-in":
        results = []
        await asyncio.gather(*(sign_in_client(host, port, index, results) for index in range(args.clients)))
        counts = {}
        for status in results:
            counts[status] = counts.get(status, 0) + 1
        report["answers"] = counts
    else:
        opened = []
        closes = await asyncio.gather(*(idle_socket(host, port, opened, args.hold) for _ in range(args.sockets)))
        closed = [c for c in closes if isinstance(c, float)]
        report["sockets_opened"] = len(opened)
        report["sockets_refused"] = sum(1 for c in closes if c == "refused")
        report["closed_by_server"] = len(closed)
        report["still_open_after_hold_s"] = sum(1 for c in closes if c is None)
        report["close_median_s"] = round(statistics.median(closed), 1) if closed else None
        report["hold_s"] = args.hold
    await asyncio.sleep(2)
    stop.set()
    await sampler
    report.update(summarise(samples, started))
    report["rss_after_mib"] = round(rss_mib(args.pid), 1)
    print(json.dumps(report))


if __name__ == "__main__":
    asyncio.run(main())
