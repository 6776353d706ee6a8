#!/usr/bin/env python3
"""Two `logis serve` instances on one PostgreSQL, behind nginx: one service, not two.

    DATABASE_URL=postgres://logis:logis@127.0.0.1:5432/logis_test \
        python3 Tests/front/two_instances.py .build/debug/logis

1. Seeds the demo into a fresh database `logis_two` (one `logis serve --demo`, jobs off).
2. Starts instances A and B with the daily jobs on and due at once (LOGIS_JOBS_HOUR=0): both
   run the day's jobs at the same moment; each writes the messages it sends under its own
   outbox folder (the `log` transport); both share one files folder (LOGIS_FILES_DIR), as a
   deployment shares a volume. nginx balances between them (round robin) on a local port.
3. Checks:
   - every daily job of the day has one `done` run; every message sent is written by exactly
     one instance (no file in both folders) and none waits;
   - a session opened on A is valid on B, and through nginx (whichever instance answers);
   - a piece uploaded through A is read back, byte for byte, by a desk agent on B.
Before that, two instances started at the same moment on the empty database must both come up
(the migrations run once, under an advisory lock).
Prints `two_instances: N passed, M failed`; exits 1 on a failed check, 2 on a harness problem.
Requires psql as `postgres` and nginx. Standard library only.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATABASE = "logis_two"
PASSWORD = "logis-demo-2026"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class HarnessError(Exception):
    pass


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["su", "postgres", "-c", f'psql -qtA -d {database} -c "{sql}"'],
        check=True, capture_output=True, text=True).stdout.strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(port: int, process: subprocess.Popen, seconds: int = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(f"the process on port {port} exited ({process.returncode})")
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise HarnessError(f"nothing answered /healthz on port {port}")


class Browser:
    """Cookies and the last page's `_csrf`, as a browser keeps them."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.csrf = ""

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                body: bytes | None = None, content_type: str | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            body = urllib.parse.urlencode(dict(form, _csrf=self.csrf)).encode()
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        field = re.search(rb'name="_csrf" value="([^"]*)"', data)
        if field:
            self.csrf = field.group(1).decode()
        connection.close()
        return response.status, data

    def sign_in(self, email: str) -> None:
        self.request("GET", "/connexion")
        status, _ = self.request("POST", "/connexion", {"email": email, "password": PASSWORD})
        if status != 303:
            raise HarnessError(f"sign-in of {email} answered {status}")


def multipart(fields: dict[str, str], file_field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "logis" + "".join(random.choice("0123456789abcdef") for _ in range(16))
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def job_names(binary: Path, env: dict[str, str]) -> list[str]:
    """The daily jobs, as `logis jobs run` lists them when asked for one it does not know."""
    result = subprocess.run([str(binary), "jobs", "run", "--job", "?"], cwd=REPO, env=env,
                            capture_output=True, text=True)
    found = re.search(r"Choix : ([a-z, -]+)\.", result.stdout + result.stderr)
    if not found:
        raise HarnessError("`logis jobs run --job ?` did not list the jobs")
    return [name.strip() for name in found.group(1).split(",")]


def nginx_conf(work: Path, port: int, upstreams: list[int]) -> Path:
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in upstreams)
    conf = f"""worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log info;
daemon off;
events {{ worker_connections 256; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    upstream logis {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 6m;
        location / {{
            proxy_pass http://logis;
            proxy_set_header Host $host;
        }}
    }}
}}
"""
    path = work / "nginx.conf"
    path.write_text(conf)
    return path


def main() -> int:
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/logis").resolve()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("two_instances: DATABASE_URL must name a PostgreSQL server", file=sys.stderr)
        return 2
    if not shutil.which("nginx"):
        print("two_instances: nginx is not installed", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="logis-two-"))
    processes: list[subprocess.Popen] = []
    passed, failed = 0, 0

    def check(ok: bool, label: str) -> None:
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"two_instances: ok — {label}")
        else:
            failed += 1
            print(f"two_instances: FAILED — {label}", file=sys.stderr)

    def env(outbox: str, jobs: bool) -> dict[str, str]:
        values = dict(os.environ)
        values.update(
            DATABASE_URL=urllib.parse.urlparse(base)._replace(path="/" + DATABASE).geturl(),
            LOGIS_OUTBOX_DIR=str(work / outbox), LOGIS_FILES_DIR=str(work / "files"),
            LOGIS_RULES_DIR=str(work / "rules"), LOGIS_BCRYPT_COST="4",
            LOGIS_JOBS="on" if jobs else "off", LOGIS_JOBS_HOUR="0")
        for name in ("SMTP_HOST", "LOGIS_OUTBOX_TRANSPORT", "LOGIS_SMS_WEBHOOK_URL", "LOGIS_SECRET_KEY"):
            values.pop(name, None)
        return values

    def serve(name: str, outbox: str, jobs: bool, demo: bool = False) -> tuple[subprocess.Popen, int]:
        port = free_port()
        arguments = [str(binary), "serve"] + (["--demo"] if demo else []) + [
            "--hostname", "127.0.0.1", "--port", str(port)]
        process = subprocess.Popen(
            arguments, cwd=REPO, env=env(outbox, jobs), stdout=open(work / f"{name}.log", "w"),
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        processes.append(process)
        return process, port

    try:
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")
        psql(f"CREATE DATABASE {DATABASE} OWNER logis")
        # 0. Two instances started at once on the empty database: one migrates, the other waits.
        pair = [serve(name, "outbox-seed", jobs=False) for name in ("start-a", "start-b")]
        for process, port in pair:
            wait_healthy(port, process)
        migrations = int(psql("SELECT count(*) FROM _fluent_migrations", DATABASE))
        distinct = int(psql("SELECT count(DISTINCT name) FROM _fluent_migrations", DATABASE))
        check(migrations == distinct, f"two instances started at once on an empty database ({migrations} migrations)")
        for process, _ in pair:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)
            processes.remove(process)
        seeder, port = serve("seed", "outbox-seed", jobs=False, demo=True)
        wait_healthy(port, seeder)
        seeder.send_signal(signal.SIGTERM)
        seeder.wait(timeout=60)
        processes.remove(seeder)
        psql("DELETE FROM outbox_messages", DATABASE)

        first, port_a = serve("a", "outbox-a", jobs=True)
        second, port_b = serve("b", "outbox-b", jobs=True)
        wait_healthy(port_a, first)
        wait_healthy(port_b, second)
        front_port = free_port()
        nginx = subprocess.Popen(
            ["nginx", "-p", str(work), "-c", str(nginx_conf(work, front_port, [port_a, port_b]))],
            stdout=open(work / "nginx.log", "w"), stderr=subprocess.STDOUT)
        processes.append(nginx)
        wait_healthy(front_port, nginx)

        # 1. The day's jobs, started by both instances at once, each done once.
        names = job_names(binary, env("outbox-none", jobs=False))
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            rows = psql("SELECT job || ' ' || status FROM job_runs", DATABASE).splitlines()
            if len(rows) >= len(names) and all(row.endswith(" done") for row in rows):
                break
            time.sleep(2)
        rows = psql("SELECT job || ' ' || day || ' ' || status FROM job_runs ORDER BY 1", DATABASE).splitlines()
        ran = sorted(row.split()[0] for row in rows)
        check(ran == sorted(names) and all(row.endswith(" done") for row in rows),
              f"each of the {len(names)} daily jobs ran once and is done ({len(rows)} runs)")
        # Both senders drain every 30 s: wait for the queue to empty, letters aside (print list).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            waiting = int(psql("SELECT count(*) FROM outbox_messages WHERE status <> 'sent' AND channel <> 'letter'",
                               DATABASE))
            if waiting == 0:
                break
            time.sleep(2)
        sent = int(psql("SELECT count(*) FROM outbox_messages WHERE status = 'sent'", DATABASE))
        files_a = {f.name for f in (work / "outbox-a").glob("*")} if (work / "outbox-a").exists() else set()
        files_b = {f.name for f in (work / "outbox-b").glob("*")} if (work / "outbox-b").exists() else set()
        check(waiting == 0, f"no message waits ({waiting} waiting)")
        check(not (files_a & files_b) and len(files_a) + len(files_b) == sent,
              f"each of the {sent} messages sent by one instance only (A {len(files_a)}, B {len(files_b)}, "
              f"both {len(files_a & files_b)})")

        # 2. A session opened on A holds on B and through nginx.
        on_a = Browser(port_a)
        on_a.sign_in("demandeur@demo.logis.fr")
        status_a, page_a = on_a.request("GET", "/mon-espace")
        on_b = Browser(port_b, on_a.cookies)
        status_b, page_b = on_b.request("GET", "/mon-espace")
        check(status_a == 200 and status_b == 200 and b"Se d\xc3\xa9connecter" in page_b,
              f"a session opened on A is valid on B (A {status_a}, B {status_b})")
        front = Browser(front_port, on_a.cookies)
        statuses = [front.request("GET", "/mon-espace")[0] for _ in range(6)]
        check(statuses == [200] * 6, f"through nginx, either instance knows the session ({statuses})")

        # 3. A piece uploaded through A is read by an agent on B.
        status, page = on_a.request("GET", "/mon-espace/pieces")
        piece = re.search(rb'name="piece" value="([^"]+)"', page)
        if status != 200 or not piece:
            raise HarnessError(f"the pieces page answered {status} without a piece to upload")
        body, content_type = multipart(
            {"_csrf": on_a.csrf, "piece": piece.group(1).decode()}, "file", "piece.pdf", PDF)
        status, _ = on_a.request("POST", "/mon-espace/pieces", body=body, content_type=content_type)
        check(status in (200, 303), f"upload through A answered {status}")
        row = psql("SELECT request_id || ' ' || id FROM request_documents ORDER BY uploaded_at DESC LIMIT 1",
                   DATABASE).split()
        agent = Browser(port_b)
        agent.sign_in("enregistreur@demo.logis.fr")
        status, content = agent.request("GET", f"/guichet/demandes/{row[0]}/pieces/{row[1]}")
        check(status == 200 and content == PDF, f"the piece is read back on B, byte for byte ({status})")
    except HarnessError as error:
        print(f"two_instances: harness: {error} (logs in {work})", file=sys.stderr)
        return 2
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    print(f"two_instances: {passed} passed, {failed} failed")
    if failed == 0 and not os.environ.get("TWO_KEEP"):
        shutil.rmtree(work, ignore_errors=True)
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
