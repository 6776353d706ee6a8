#!/usr/bin/env python3
"""Crash safety of Logis on SQLite: `kill -9` in the middle of traffic, again and again.

    python3 Tests/crash/kill9.py [path/to/logis]          # default: .build/debug/logis

Starts the server on a fresh SQLite file and files folder with the demo data, then runs CYCLES
cycles: while CLIENTS concurrent clients each create an account, sign in, file a complete
request, upload its two identity pieces and a second file of the first, submit it (NUD), in a loop, the
server is killed with SIGKILL at a random moment, then restarted on the same database and files.
Every acknowledged registration (201 with a NUD) and upload (201) is recorded. After a last
restart and a clean stop, the SQLite file and the files folder are read directly:

- every acknowledged registration is in `housing_requests` with its NUD, no NUD twice, and no
  NUD counter behind a NUD it issued (the next registration would collide);
- `PRAGMA integrity_check` says ok and `PRAGMA foreign_key_check` finds nothing;
- every file in the files folder belongs to a `request_documents` row (no orphan), every row's
  file exists (none missing) with the size and SHA-256 of the row;
- every acknowledged upload is there among its piece's files (a piece takes several files: a
  second upload adds one, stored under `piece#2`; nothing is replaced without a refusal);
- no answer was a 5xx (a kill cuts connections, it does not make the server answer 500).

Also reported, without failing: registrations of this test that are in the database (acknowledged
or cut by a kill after their commit) but have no cotation score or no `submitted` audit entry.

Prints one line of JSON with the figures and exits 1 on any failure (2 on a harness problem).
Environment: CRASH_CYCLES (20), CRASH_CLIENTS (4), CRASH_SEED (random), CRASH_KEEP=1 keeps the
work folder. The server's working directory is the repository (it reads Resources/ and Public/).
Standard library only.
"""

from __future__ import annotations

import hashlib
import http.client
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CYCLES = int(os.environ.get("CRASH_CYCLES", "20"))
CLIENTS = int(os.environ.get("CRASH_CLIENTS", "4"))
SEED = int(os.environ.get("CRASH_SEED", str(random.randrange(1 << 30))))
FIRST_START_TIMEOUT = 180.0  # the demo data (~600 requests) is generated at the first start
RESTART_TIMEOUT = 60.0
RUN_BETWEEN_KILLS = (1.0, 4.0)  # seconds of traffic before each kill, drawn uniformly
PASSWORD = "Logement-Crash-2026"

# Tests/LogisServerTests/Requests/RequestFixtures.swift (FamilyInVauvert): a complete request.
STEPS = {
    "demandeur": {
        "lastName": "Martin", "firstName": "Léa", "birthDate": "1990-04-12", "nationality": "fr",
        "maritalStatus": "marie", "street": "3 rue des Arènes", "postalCode": "30600", "city": "Vauvert",
        "phone": "0600000000", "email": "lea.martin@exemple.fr",
    },
    "co-demandeur": {
        "present": "on", "lastName": "Martin", "firstName": "Hugo", "birthDate": "1988-09-30",
        "nationality": "fr", "relationship": "conjoint",
    },
    "personnes": {
        "p1_firstName": "Jade", "p1_birthDate": "2016-02-01", "p1_relationship": "enfant",
        "p2_firstName": "Noé", "p2_birthDate": "2019-07-15", "p2_relationship": "enfant",
    },
    "situation-professionnelle": {"applicantSituation": "cdi", "coApplicantSituation": "interim"},
    "ressources": {"applicantMonthlyIncome": "1450", "coApplicantMonthlyIncome": "900", "taxIncomeN2": "26500"},
    "logement-actuel": {"status": "locataire_prive", "monthlyRent": "780", "surface": "48"},
    "motifs": {"motif1": "logement_trop_petit", "motif2": "logement_trop_cher"},
    "logement-recherche": {"typology_T3": "on", "typology_T4": "on", "commune1": "30341", "commune2": "30006"},
    "handicap-dalo": {"disabledPersons": "0"},
}
# Identity pieces of the applicant and the co-applicant, then the first one again (a replacement).
UPLOADS = ["piece_identite@0", "piece_identite@1", "piece_identite@0"]


def small_pdf(marker: str) -> bytes:
    """A tiny PDF (the server reads its first bytes) made unique by a comment."""
    return f"%PDF-1.4\n% {marker}\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Unreachable(Exception):
    """The server did not answer (killed, restarting): the operation is not acknowledged."""


class Server:
    def __init__(self, binary: Path, workdir: Path, port: int):
        self.binary, self.workdir, self.port = binary, workdir, port
        self.process: subprocess.Popen | None = None
        self.log = open(workdir / "server.log", "ab")
        self.env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LOGIS_PUBLIC_URL")}
        self.env.update({
            "LOGIS_SQLITE_PATH": str(workdir / "logis.sqlite"),
            "LOGIS_FILES_DIR": str(workdir / "files"),
            "LOGIS_RULES_DIR": str(workdir / "rules"),
            "LOGIS_BCRYPT_COST": "4",
            "LOGIS_TRUSTED_PROXIES": "127.0.0.1",  # each account signs up from its own forwarded address
        })

    def start(self, timeout: float) -> float:
        started = time.monotonic()
        self.log.write(f"\n===== start at {time.strftime('%H:%M:%S')} =====\n".encode())
        self.log.flush()
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=REPO_ROOT, env=self.env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"logis exited with {self.process.returncode} before answering /healthz")
            try:
                if request("GET", self.port, "/healthz", timeout=2)[0] == 200:
                    return time.monotonic() - started
            except Unreachable:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"logis did not answer /healthz within {timeout:.0f} s")

    def kill9(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None

    def tail(self, lines: int = 40) -> str:
        self.log.flush()
        text = (self.workdir / "server.log").read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def request(method: str, port: int, path: str, *, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 15) -> tuple[int, dict | None]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        raw = response.read()
    except (OSError, http.client.HTTPException) as error:
        raise Unreachable(str(error)) from error
    finally:
        connection.close()
    try:
        return response.status, json.loads(raw) if raw else None
    except ValueError:
        return response.status, None


def json_call(method: str, port: int, path: str, payload=None, token: str | None = None,
              forwarded: str | None = None) -> tuple[int, dict | None]:
    headers = {"Content-Type": "application/json"} if payload is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if forwarded:
        headers["X-Forwarded-For"] = forwarded
    body = json.dumps(payload).encode() if payload is not None else None
    return request(method, port, path, body=body, headers=headers)


def multipart(fields: dict[str, str], filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n".encode()
             for k, v in fields.items()]
    parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
                 f"Content-Type: application/pdf\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def confirm_email(port: int, database: Path, email: str, forwarded: str) -> int:
    """Opens the confirmation link of the sign-up as its owner would: the token is read from the
    outbox row's body (the test's only way in; the server has no backdoor). Returns the status."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10) as rows:
        row = rows.execute(
            "SELECT body FROM outbox_messages WHERE recipient = ? AND template = 'email-confirmation' "
            "ORDER BY created_at DESC LIMIT 1", (email,)).fetchone()
    match = re.search(r"https?://[^/\s]+(/inscription/confirmer/[A-Za-z0-9_-]+)", row[0] if row else "")
    if not match:
        return 0
    cookie, token = form_page(port, match.group(1), forwarded)
    if not token:
        return 0
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie, "X-Forwarded-For": forwarded}
    status, _ = request("POST", port, match.group(1), body=f"_csrf={token}".encode(), headers=headers)
    return status


def form_page(port: int, path: str, forwarded: str) -> tuple[str, str]:
    """Opens a form page as a browser does: returns the CSRF cookie it sets (as a Cookie header)
    and the token of its `_csrf` field, which is bound to that cookie and is not its value."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request("GET", path, headers={"X-Forwarded-For": forwarded})
        response = connection.getresponse()
        html = response.read().decode("utf-8", errors="replace")
        cookies = [value.split(";")[0] for name, value in response.getheaders()
                   if name.lower() == "set-cookie" and "logis_csrf=" in value]
    except (OSError, http.client.HTTPException) as error:
        raise Unreachable(str(error)) from error
    finally:
        connection.close()
    field = re.search(r'name="_csrf" value="([^"]*)"', html)
    return "; ".join(cookies), field.group(1) if field else ""


class Ledger:
    """What the server acknowledged, and what it was asked (for uploads in flight at a kill)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.registrations: dict[str, str] = {}  # request id (upper case) → NUD
        # (request id, piece) → list of [sha256, acknowledged document id or None], in sending order
        self.uploads: dict[tuple[str, str], list[list]] = defaultdict(list)
        self.statuses: Counter = Counter()  # "STEP status" of every answer that was not the expected one
        self.unreachable = 0
        self.sequences = 0

    def unexpected(self, step: str, status: int, body) -> None:
        code = (body or {}).get("error", {}).get("code", "") if isinstance(body, dict) else ""
        with self.lock:
            self.statuses[f"{step} {status} {code}".strip()] += 1


def client(port: int, database: Path, ledger: Ledger, numbers, running: threading.Event,
           finished: threading.Event) -> None:
    while not finished.is_set():
        if not running.wait(timeout=0.2):
            continue
        number = next(numbers)
        # A forwarded address per account: sign-ups are limited to 10 per address in 15 minutes.
        forwarded = f"198.18.{number // 250}.{number % 250 + 1}"
        email = f"crash-{number}-{uuid.uuid4().hex[:6]}@exemple.fr"
        try:
            status, body = json_call("POST", port, "/api/v1/accounts",
                                     {"email": email, "password": PASSWORD, "displayName": "Crash"}, forwarded=forwarded)
            if status != 202:
                ledger.unexpected("sign-up", status, body)
                continue
            status = confirm_email(port, database, email, forwarded)
            if status != 303:
                ledger.unexpected("confirm", status, None)
                continue
            status, body = json_call("POST", port, "/api/v1/session", {"email": email, "password": PASSWORD},
                                     forwarded=forwarded)
            if status != 201:
                ledger.unexpected("sign-in", status, body)
                continue
            token = body["token"]
            status, body = json_call("POST", port, "/api/v1/requests", {"steps": STEPS}, token=token)
            if status != 201:
                ledger.unexpected("draft", status, body)
                continue
            request_id = body["id"].upper()
            # DOMAIN.md §5: the identity pieces come before the NUD (the last upload replaces the first).
            uploaded = True
            for piece in UPLOADS:
                data = small_pdf(uuid.uuid4().hex)
                attempt = [hashlib.sha256(data).hexdigest(), None]
                with ledger.lock:
                    ledger.uploads[(request_id, piece)].append(attempt)
                payload, content_type = multipart({"piece": piece}, "piece.pdf", data)
                status, body = request("POST", port, f"/api/v1/requests/{request_id}/documents", body=payload,
                                       headers={"Authorization": f"Bearer {token}", "Content-Type": content_type})
                if status != 201:
                    ledger.unexpected("upload", status, body)
                    uploaded = False
                    break
                with ledger.lock:
                    attempt[1] = body["id"].upper()
            if not uploaded:
                continue
            status, body = json_call("POST", port, f"/api/v1/requests/{request_id}/submit", token=token)
            if status != 201 or not (body or {}).get("nud"):
                ledger.unexpected("submit", status, body)
                continue
            with ledger.lock:
                ledger.registrations[request_id] = body["nud"]
            with ledger.lock:
                ledger.sequences += 1
        except Unreachable:
            with ledger.lock:
                ledger.unreachable += 1


def verify(workdir: Path, ledger: Ledger) -> dict:
    database = sqlite3.connect(f"file:{workdir / 'logis.sqlite'}?mode=ro", uri=True)
    files_dir = workdir / "files"
    problems: list[str] = []

    integrity = [row[0] for row in database.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems.append(f"integrity_check: {integrity[:5]}")
    foreign = database.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        problems.append(f"foreign_key_check: {len(foreign)} rows, e.g. {foreign[:3]}")

    stored = {row[0].upper(): (row[1], row[2]) for row in database.execute(
        "SELECT id, nud, status FROM housing_requests")}
    registrations_checked = 0
    for request_id, nud in ledger.registrations.items():
        found = stored.get(request_id)
        if found is None:
            problems.append(f"registration lost: request {request_id} (NUD {nud}) not in housing_requests")
        elif found[0] != nud:
            problems.append(f"registration changed: request {request_id} acknowledged with NUD {nud}, stored {found}")
        else:
            registrations_checked += 1
    duplicates = database.execute(
        "SELECT nud, COUNT(*) FROM housing_requests WHERE nud IS NOT NULL GROUP BY nud HAVING COUNT(*) > 1").fetchall()
    for nud, count in duplicates:
        problems.append(f"NUD {nud} held by {count} requests")
    counters = {}
    for key, last in database.execute("SELECT counter_key, last_value FROM nud_counters"):
        departement, year, month = key.rsplit("-", 2)
        counters[(departement.lstrip("0"), int(year) % 100, int(month))] = last
    for (nud,) in database.execute("SELECT nud FROM housing_requests WHERE nud IS NOT NULL"):
        departement, month, year, sequence = nud[:3].lstrip("0"), int(nud[3:5]), int(nud[5:7]), int(nud[7:13])
        last = counters.get((departement, year, month))
        if last is not None and last < sequence:
            problems.append(f"NUD counter {departement}-{year}-{month} at {last}, behind NUD {nud}")

    # Reported, not failed on: what a kill between two separate writes of one submission leaves.
    registered, without_score, without_audit = database.execute(
        "SELECT COUNT(*), COALESCE(SUM(h.score IS NULL), 0), COALESCE(SUM(NOT EXISTS (SELECT 1 FROM audit_entries e"
        " WHERE e.target_id = h.id AND e.reason = 'submitted')), 0) FROM housing_requests h"
        " JOIN accounts a ON a.id = h.account_id WHERE a.email LIKE 'crash-%' AND h.nud IS NOT NULL").fetchone()

    rows = database.execute("SELECT id, request_id, piece, stored_name, size, sha256 FROM request_documents").fetchall()
    # A piece's files are stored under `piece`, `piece#2`, … (PieceFileKey): grouped by the piece.
    by_piece: dict = {}
    for row in rows:
        by_piece.setdefault((row[1].upper(), row[2].split("#")[0]), []).append(row)
    names = {row[3] for row in rows}
    on_disk = {path.name: path for path in files_dir.rglob("*") if path.is_file()}
    orphans = sorted(set(on_disk) - names)
    missing = sorted(names - set(on_disk))
    corrupt = []
    for _, _, _, name, size, digest in rows:
        path = on_disk.get(name)
        if path is not None:
            data = path.read_bytes()
            if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
                corrupt.append(name)
    if orphans:
        # Whose file is it? An upload whose row was never committed, or a replaced file left behind.
        attempts_by_digest = {}
        for (request_id, piece), attempts in ledger.uploads.items():
            for index, (digest, document) in enumerate(attempts):
                attempts_by_digest[digest] = (request_id, piece, index, document)
        kinds: Counter = Counter()
        for name in orphans:
            found = attempts_by_digest.get(hashlib.sha256(on_disk[name].read_bytes()).hexdigest())
            if found is None:
                kinds["not sent by this test"] += 1
            elif found[3] is None:
                kinds["upload cut by the kill, row never committed"] += 1
            else:
                kinds["acknowledged upload replaced, old file left"] += 1
        problems.append(f"{len(orphans)} orphan files (no row): {dict(kinds)}, e.g. {orphans[:3]}")
    if missing:
        problems.append(f"{len(missing)} rows whose file is missing, e.g. {missing[:3]}")
    if corrupt:
        problems.append(f"{len(corrupt)} files whose size or SHA-256 differ from their row, e.g. {corrupt[:3]}")

    uploads_acknowledged = uploads_checked = 0
    for (request_id, piece), attempts in ledger.uploads.items():
        acknowledged = [index for index, (_, document) in enumerate(attempts) if document]
        uploads_acknowledged += len(acknowledged)
        if not acknowledged:
            continue
        stored = {row[5] for row in by_piece.get((request_id, piece), [])}
        lost = [attempts[index][1] for index in acknowledged if attempts[index][0] not in stored]
        if lost:
            problems.append(f"upload lost: {piece} of {request_id} (acknowledged as {lost[0]}, not among its files)")
            continue
        uploads_checked += len(acknowledged)
    database.close()
    return {
        "registrations": {"acknowledged": len(ledger.registrations), "checked": registrations_checked},
        "uploads": {"acknowledged": uploads_acknowledged, "checked": uploads_checked},
        "duplicateNUDs": len(duplicates), "orphans": len(orphans), "missing": len(missing), "corrupt": len(corrupt),
        "integrity": integrity[0] if len(integrity) == 1 else integrity[:5], "foreignKeyViolations": len(foreign),
        "documentRows": len(rows), "files": len(on_disk),
        "warnings": {"registeredInDatabase": registered, "registeredWithoutScore": without_score,
                     "registeredWithoutAudit": without_audit},
        "problems": problems,
    }


def main() -> int:
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/logis").resolve()
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        print(f"kill9.py: logis binary not found or not executable: {binary}", file=sys.stderr)
        return 2
    random.seed(SEED)
    workdir = Path(tempfile.mkdtemp(prefix="logis-kill9-"))
    server = Server(binary, workdir, free_port())
    ledger = Ledger()
    running, finished = threading.Event(), threading.Event()
    numbers = itertools.count(1)
    threads = [threading.Thread(target=client, args=(server.port, workdir / "logis.sqlite", ledger, numbers, running, finished), daemon=True)
               for _ in range(CLIENTS)]
    began = time.monotonic()
    restarts: list[float] = []
    try:
        server.start(FIRST_START_TIMEOUT)
        for thread in threads:
            thread.start()
        for cycle in range(CYCLES):
            if cycle:
                restarts.append(server.start(RESTART_TIMEOUT))
            running.set()
            time.sleep(random.uniform(*RUN_BETWEEN_KILLS))
            running.clear()  # clients finish their sequence against a dead server, then wait
            server.kill9()
        restarts.append(server.start(RESTART_TIMEOUT))  # the last restart must work too
        finished.set()
        for thread in threads:
            thread.join(timeout=30)
        stopped = server.stop()
    except RuntimeError as error:
        finished.set()
        server.stop()
        print(f"kill9.py: {error}\n--- server log (end) ---\n{server.tail()}", file=sys.stderr)
        print(f"kill9.py: work folder kept: {workdir}", file=sys.stderr)
        return 2
    result = verify(workdir, ledger)
    problems = result.pop("problems")
    server_errors = {answer: count for answer, count in ledger.statuses.items() if answer.split()[1].startswith("5")}
    if server_errors:
        problems.append(f"5xx answers while the server was up: {server_errors}")
    if stopped not in (0, None) and stopped != -signal.SIGTERM:
        problems.append(f"the server exited with {stopped} on SIGTERM")
    summary = {
        "cycles": CYCLES, "clients": CLIENTS, "seed": SEED, **result,
        "sequencesCompleted": ledger.sequences, "callsCutByKill": ledger.unreachable,
        "unexpectedAnswers": dict(ledger.statuses), "restartSeconds": round(max(restarts), 1),
        "seconds": round(time.monotonic() - began, 1),
        "failures": len(problems),
    }
    for problem in problems:
        print(f"kill9.py: FAIL {problem}", file=sys.stderr)
    print(json.dumps(summary, ensure_ascii=False))
    if problems or os.environ.get("CRASH_KEEP") == "1":
        print(f"kill9.py: work folder kept: {workdir}", file=sys.stderr)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
