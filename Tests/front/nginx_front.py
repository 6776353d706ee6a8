#!/usr/bin/env python3
"""The nginx front of deploy/nginx.conf, checked in front of a real Logis.

    python3 Tests/front/nginx_front.py [path/to/logis]          # default: .build/debug/logis

Logis cannot, in process, cap connections per address or put a deadline on a request head:
deploy/nginx.conf does. This script proves that it does. It starts Logis on a fresh SQLite file,
then nginx as its own child (`-p`, `-c`, `daemon off`, everything under a temporary folder; the
system's /etc/nginx is not read, so no default site binds port 80) with Tests/front/nginx.conf.in
around deploy/nginx.conf's own zones, upstream and server block, made plain HTTP on a local port
(no TLS), the upstream pointed at this Logis, and the head deadline shortened (FRONT_HEADER_TIMEOUT,
3 s; production keeps deploy/nginx.conf's value). Then, through nginx:

1. one address opens 40 connections, each with a request whose body it holds back: at most
   `limit_conn` (20) are served by Logis, the others are refused (429) or reset;
2. 20 half-sent request heads are closed by nginx within the head deadline (not before it);
3. a body over `client_max_body_size` is answered 413 by nginx and never reaches Logis (its
   request log does not show the path);
4. /healthz, asked every 0.25 s from another address during 1 and 2, always answers 200 within
   FRONT_HEALTHZ_MAX seconds (1.0);
5. deploy/nginx.conf as it would be installed (TLS on 443, with a throwaway certificate from
   `openssl`) passes `nginx -t` with this machine's nginx.

Prints one line of JSON with the figures, then `front: N passed, M failed`; exits 1 on a failed
check, 2 on a harness problem (no nginx, Logis or nginx not starting, deploy/nginx.conf changed
shape). FRONT_KEEP=1 keeps the work folder. Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.in"
HEADER_TIMEOUT = float(os.environ.get("FRONT_HEADER_TIMEOUT", "3"))
HEALTHZ_MAX = float(os.environ.get("FRONT_HEALTHZ_MAX", "1.0"))
CONNECTIONS = 40
HALF_HEADS = 20
# What docs/SECURITY.md promises, checked against whatever deploy/nginx.conf says.
PER_ADDRESS_CAP = 20
BODY_LIMIT = 6 * 1024 * 1024


class HarnessError(Exception):
    """The check could not run (exit 2), as opposed to a check that failed (exit 1)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def connect(port: int, source: str = "127.0.0.1", timeout: float = 5) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0))


def read_answer(sock: socket.socket, timeout: float) -> bytes:
    """Whatever arrives until the peer closes or `timeout` passes; b"" if it closed at once."""
    sock.settimeout(timeout)
    data = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
            if b"\r\n\r\n" in data and complete(data):
                break
    except socket.timeout:
        pass
    return data


def complete(data: bytes) -> bool:
    head, _, body = data.partition(b"\r\n\r\n")
    match = re.search(rb"(?i)content-length:\s*(\d+)", head)
    return match is None or len(body) >= int(match.group(1))


def status_of(data: bytes) -> int | None:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", data)
    return int(match.group(1)) if match else None


def get(port: int, path: str, source: str, timeout: float = 5) -> tuple[int | None, bytes]:
    with connect(port, source, timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: logis\r\nConnection: close\r\n\r\n".encode())
        data = read_answer(sock, timeout)
    return status_of(data), data


# MARK: - Configuration derived from deploy/nginx.conf


def deploy_value(text: str, pattern: str) -> str:
    match = re.search(pattern, text)
    if not match:
        raise HarnessError(f"deploy/nginx.conf has no {pattern!r}: update Tests/front/nginx_front.py")
    return match.group(1)


def front_config(deploy: str, prefix: Path, front_port: int, logis_port: int) -> str:
    """deploy/nginx.conf with only what a local plain-HTTP run must change; each change must apply,
    so a reshaped deploy file fails here instead of being checked half."""
    text = re.sub(r"(?m)^\s*#.*\n", "", deploy)
    required = [
        (r"server 127\.0\.0\.1:\d+;", f"server 127.0.0.1:{logis_port};"),
        (r"listen 443 ssl[^;]*;", f"listen 127.0.0.1:{front_port};"),
        (r"\n\s*ssl_certificate\s[^;]*;", ""),
        (r"\n\s*ssl_certificate_key\s[^;]*;", ""),
        (r"client_header_timeout\s+[^;]+;", f"client_header_timeout {HEADER_TIMEOUT:g}s;"),
        (r"include /etc/nginx/logis-proxy\.conf;", f"include {prefix}/logis-proxy.conf;"),
    ]
    for pattern, replacement in required:
        text, count = re.subn(pattern, replacement, text)
        if count == 0:
            raise HarnessError(f"deploy/nginx.conf no longer matches {pattern!r}: update the front check")
    return re.sub(r"\n\s*http2 on;", "", text)


# MARK: - Processes


class Processes:
    def __init__(self, binary: Path, workdir: Path):
        self.binary, self.workdir = binary, workdir
        self.logis: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.logis_port, self.front_port = free_port(), free_port()
        self.logis_log = workdir / "logis.log"

    def start_logis(self) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LOGIS_PUBLIC_URL")}
        env.update({
            "LOGIS_SQLITE_PATH": str(self.workdir / "logis.sqlite"),
            "LOGIS_FILES_DIR": str(self.workdir / "files"),
            "LOGIS_RULES_DIR": str(self.workdir / "rules"),
            "LOGIS_TRUSTED_PROXIES": "127.0.0.1",
        })
        with open(self.logis_log, "wb") as log:
            self.logis = subprocess.Popen(
                [str(self.binary), "serve", "--hostname", "127.0.0.1", "--port", str(self.logis_port)],
                cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        self.wait_healthy(self.logis, self.logis_port, 180, "logis")

    def start_nginx(self, nginx: str, deploy: str) -> None:
        prefix = self.workdir
        shutil.copy(DEPLOY / "logis-proxy.conf", prefix / "logis-proxy.conf")
        (prefix / "logis-front.conf").write_text(front_config(deploy, prefix, self.front_port, self.logis_port))
        conf = prefix / "nginx.conf"
        conf.write_text(TEMPLATE.read_text().replace("@PREFIX@", str(prefix)))
        command = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
        tested = subprocess.run(command + ["-t"], capture_output=True, text=True)
        if tested.returncode != 0:
            raise HarnessError(f"nginx -t refused the front configuration:\n{tested.stderr}")
        self.nginx = subprocess.Popen(
            command + ["-g", "daemon off;"], stdin=subprocess.DEVNULL,
            stdout=open(prefix / "nginx.out", "wb"), stderr=subprocess.STDOUT)
        self.wait_healthy(self.nginx, self.front_port, 20, "nginx")

    def wait_healthy(self, process: subprocess.Popen, port: int, timeout: float, name: str) -> None:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if process.poll() is not None:
                raise HarnessError(f"{name} exited with {process.returncode} before answering /healthz")
            try:
                if get(port, "/healthz", "127.0.0.1", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise HarnessError(f"{name} did not answer /healthz within {timeout:.0f} s")

    def stop(self) -> None:
        for process in (self.nginx, self.logis):
            if process is None or process.poll() is not None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# MARK: - Checks


class HealthSampler(threading.Thread):
    """/healthz through nginx from 127.0.0.2, an address other than the attacker's."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.latencies: list[float | None] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                ok = get(self.port, "/healthz", "127.0.0.2", timeout=5)[0] == 200
            except OSError:
                ok = False
            self.latencies.append(time.monotonic() - started if ok else None)
            self.stopping.wait(0.25)


def connection_cap(port: int, limit: int) -> dict:
    """40 connections from 127.0.0.1, each with its head sent and its 2-byte body held back: nginx
    counts a connection once its head is read, so the ones past the cap are refused at once."""
    sockets = []
    for _ in range(CONNECTIONS):
        sock = connect(port)
        sock.sendall(
            b"POST /api/v1/session HTTP/1.1\r\nHost: logis\r\nContent-Type: application/json\r\n"
            b"Content-Length: 2\r\n\r\n")
        sockets.append(sock)
    time.sleep(1.0)
    waiting, refused, other = [], 0, []
    for sock in sockets:
        early = poll_answer(sock, 0.2)
        if early is None:
            waiting.append(sock)
        elif early == b"" or status_of(early) == 429:
            refused += 1
        else:
            other.append(status_of(early))
    served = 0
    for sock in waiting:
        try:
            sock.sendall(b"{}")
            answer = read_answer(sock, 10)
        except OSError:
            answer = b""
        # Logis refuses the empty sign-in with its own JSON error (no password is checked); nginx's
        # own answers are HTML.
        if status_of(answer) in (400, 422) and b'{"error"' in answer:
            served += 1
        else:
            other.append(status_of(answer))
    for sock in sockets:
        sock.close()
    return {
        "connections": CONNECTIONS, "limit_conn": limit, "served_by_logis": served,
        "refused_429_or_reset": refused, "other_answers": other,
        "ok": 0 < served <= limit and refused == CONNECTIONS - served and not other,
    }


def poll_answer(sock: socket.socket, timeout: float) -> bytes | None:
    """None if nothing came within `timeout` and the connection is open; b"" if it was closed or
    reset; else what came."""
    sock.settimeout(timeout)
    try:
        first = sock.recv(65536)
    except socket.timeout:
        return None
    except OSError:
        return b""
    return first + read_answer(sock, 1) if first and not complete(first) else first


def head_deadline(port: int) -> dict:
    """Half-sent heads from 127.0.0.3: each must be closed by nginx, after the deadline, not long after."""
    sockets = []
    for _ in range(HALF_HEADS):
        sock = connect(port, "127.0.0.3")
        sock.sendall(b"POST /connexion HTTP/1.1\r\nHost: logis\r\n")
        sockets.append((sock, time.monotonic()))
    closed_after = []
    for sock, sent in sockets:
        try:
            sock.settimeout(HEADER_TIMEOUT + 10)
            while sock.recv(4096):
                pass
            closed_after.append(time.monotonic() - sent)
        except socket.timeout:
            closed_after.append(None)
        except OSError:
            closed_after.append(time.monotonic() - sent)
        sock.close()
    closed = [seconds for seconds in closed_after if seconds is not None]
    return {
        "half_heads": HALF_HEADS, "client_header_timeout_s": HEADER_TIMEOUT, "closed": len(closed),
        "close_min_s": round(min(closed), 2) if closed else None,
        "close_max_s": round(max(closed), 2) if closed else None,
        "ok": len(closed) == HALF_HEADS and min(closed) >= HEADER_TIMEOUT - 0.5
        and max(closed) <= HEADER_TIMEOUT + 3,
    }


def body_limit(port: int, limit: int, logis_log: Path) -> dict:
    """A declared body one byte over the limit: nginx answers 413 itself, and Logis's request log
    has no new line for the route (Logis would have answered 413 too, and logged it)."""
    before = sign_ins_logged(logis_log)
    with connect(port, "127.0.0.4") as sock:
        sock.sendall(
            f"POST /api/v1/session HTTP/1.1\r\nHost: logis\r\nContent-Type: application/json\r\n"
            f"Content-Length: {limit + 1}\r\n\r\n".encode() + b"x" * 65536)
        answer = read_answer(sock, 10)
    time.sleep(1.0)
    reached = sign_ins_logged(logis_log) != before
    by_nginx = b"nginx" in answer and b'"error"' not in answer
    return {
        "client_max_body_size": limit, "status": status_of(answer), "answered_by_nginx": by_nginx,
        "reached_logis": reached, "ok": status_of(answer) == 413 and by_nginx and not reached,
    }


def sign_ins_logged(logis_log: Path) -> int:
    return logis_log.read_text(errors="replace").count("POST /api/v1/session ")


def production_syntax(nginx: str, workdir: Path) -> dict:
    """`nginx -t` on deploy/nginx.conf with only the certificate and include paths filled in."""
    folder = workdir / "production"
    folder.mkdir()
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=logis",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")], capture_output=True)
    if made.returncode != 0:
        raise HarnessError("openssl could not make a throwaway certificate")
    site = ((DEPLOY / "nginx.conf").read_text()
            .replace("/etc/ssl/logis/fullchain.pem", str(folder / "cert.pem"))
            .replace("/etc/ssl/logis/privkey.pem", str(folder / "key.pem"))
            .replace("/etc/nginx/logis-proxy.conf", str(DEPLOY / "logis-proxy.conf")))
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nevents {{}}\nhttp {{\n    include {folder}/site.conf;\n}}\n")
    tested = subprocess.run(
        [nginx, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")],
        capture_output=True, text=True)
    return {"nginx_t": tested.stderr.strip().splitlines()[-1:], "ok": tested.returncode == 0}


def health(sampler: HealthSampler) -> dict:
    answered = [seconds for seconds in sampler.latencies if seconds is not None]
    failed = len(sampler.latencies) - len(answered)
    return {
        "samples": len(sampler.latencies), "failed": failed,
        "median_ms": round(statistics.median(answered) * 1000, 1) if answered else None,
        "max_ms": round(max(answered) * 1000, 1) if answered else None,
        "ok": len(sampler.latencies) > 4 and failed == 0 and max(answered) <= HEALTHZ_MAX,
    }


def main() -> int:
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else REPO_ROOT / ".build/debug/logis").resolve()
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        print("nginx is not installed (apt-get install nginx)", file=sys.stderr)
        return 2
    deploy = (DEPLOY / "nginx.conf").read_text()
    workdir = Path(tempfile.mkdtemp(prefix="logis-front-"))
    # nginx's workers run as nobody when started by root: they must reach the temp folders.
    workdir.chmod(0o755)
    processes = Processes(binary, workdir)
    report: dict = {"production_client_header_timeout": deploy_value(deploy, r"client_header_timeout\s+([^;]+);")}
    try:
        processes.start_logis()
        processes.start_nginx(nginx, deploy)
        sampler = HealthSampler(processes.front_port)
        sampler.start()
        report["connection_cap"] = connection_cap(processes.front_port, PER_ADDRESS_CAP)
        report["head_deadline"] = head_deadline(processes.front_port)
        sampler.stopping.set()
        sampler.join()
        report["healthz_during"] = health(sampler)
        report["body_limit"] = body_limit(processes.front_port, BODY_LIMIT, processes.logis_log)
        report["production_syntax"] = production_syntax(nginx, workdir)
    except HarnessError as error:
        print(f"harness: {error}", file=sys.stderr)
        for name in ("logis.log", "error.log"):
            if (workdir / name).exists():
                print(f"--- {name}\n" + "\n".join((workdir / name).read_text(errors="replace").splitlines()[-20:]),
                      file=sys.stderr)
        return 2
    finally:
        processes.stop()
        if os.environ.get("FRONT_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"kept {workdir}", file=sys.stderr)
    checks = [value for value in report.values() if isinstance(value, dict)]
    failed = [name for name, value in report.items() if isinstance(value, dict) and not value["ok"]]
    print(json.dumps(report))
    print(f"front: {len(checks) - len(failed)} passed, {len(failed)} failed")
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
