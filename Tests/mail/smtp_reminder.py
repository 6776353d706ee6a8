"""A real SMTP server (aiosmtpd) receives the renewal reminder Logis sends by itself.

Starts aiosmtpd on a free port and loads the demo (`logis serve --demo`, jobs off), then runs
`logis jobs run --job renewal-reminders` day by day around today with SMTP_* pointing at aiosmtpd
(the command sends the outbox after the job). The demo applicant (demandeur@demo.logis.fr) filed
ten months ago: her two-month reminder falls within a few days of today (month ends shift it).
Checks that exactly one message reaches her, with the right sender, recipient, subject and French
body (accents intact), and that the runs' catch-up never sends it twice.

Usage: python3 Tests/mail/smtp_reminder.py .build/debug/logis
"""

from __future__ import annotations

import email
import email.policy
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from aiosmtpd.controller import Controller

APPLICANT = "demandeur@demo.logis.fr"
SENDER = "Logis <ne-pas-repondre@logis.example>"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


def subject_of(raw: bytes) -> str:
    return str(email.message_from_bytes(raw, policy=email.policy.default)["Subject"])


def main() -> int:
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/logis").resolve()
    repo = Path(__file__).resolve().parents[2]
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    work = Path(tempfile.mkdtemp(prefix="logis-mail-"))
    port = free_port()
    env = dict(os.environ)
    for name in ("DATABASE_URL", "LOGIS_PUBLIC_URL", "LOGIS_OUTBOX_TRANSPORT"):
        env.pop(name, None)
    env.update(
        LOGIS_SQLITE_PATH=str(work / "logis.sqlite"), LOGIS_FILES_DIR=str(work / "files"),
        LOGIS_RULES_DIR=str(work / "rules"), LOGIS_OUTBOX_DIR=str(work / "outbox"), LOGIS_BCRYPT_COST="4",
        LOGIS_JOBS="off")
    mail_env = dict(env, SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp_port), SMTP_SECURITY="plain", SMTP_FROM=SENDER)
    log = open(work / "server.log", "w")
    server = subprocess.Popen(
        [str(binary), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=repo, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        for _ in range(240):
            if server.poll() is not None:
                print("smtp_reminder: logis exited", file=sys.stderr)
                print((work / "server.log").read_text()[-3000:], file=sys.stderr)
                return 1
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        server.terminate()
        server.wait(timeout=30)
        for offset in range(-4, 5):
            day = (date.today() + timedelta(days=offset)).isoformat()
            run = subprocess.run(
                [str(binary), "jobs", "run", "--job", "renewal-reminders", "--date", day], cwd=repo, env=mail_env,
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=120)
            if run.returncode != 0:
                print(f"smtp_reminder: logis jobs run --date {day} failed", file=sys.stderr)
                print((work / "server.log").read_text()[-3000:], file=sys.stderr)
                return 1
        # Her other messages (the piece the demo refused) are not reminders.
        mine = [m for m in inbox.messages if APPLICANT in m[1] and "renouveler" in subject_of(m[2])]
        if len(mine) != 1:
            print(f"smtp_reminder: {len(mine)} message(s) to {APPLICANT}, expected 1 "
                  f"({len(inbox.messages)} in all)", file=sys.stderr)
            print((work / "server.log").read_text()[-3000:], file=sys.stderr)
            return 1
        mail_from, rcpt_tos, raw = mine[0]
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_content()
        checks = {
            "envelope sender": mail_from == "ne-pas-repondre@logis.example",
            "recipient": rcpt_tos == [APPLICANT] and message["To"] == APPLICANT,
            "From header": "ne-pas-repondre@logis.example" in str(message["From"]),
            "subject": "renouveler" in str(message["Subject"]) and "logement social" in str(message["Subject"]),
            "accents in the subject": "à renouveler" in str(message["Subject"]),
            "French body with accents": "demande" in body and ("é" in body or "è" in body or "à" in body),
            "UTF-8 declared": message.get_content_charset() == "utf-8",
        }
        failed = [name for name, ok in checks.items() if not ok]
        elapsed = time.monotonic() - started
        print(f"smtp_reminder: subject « {message['Subject']} », {len(inbox.messages)} e-mail(s) received "
              f"in {elapsed:.0f} s")
        if failed:
            print("smtp_reminder: FAILED: " + ", ".join(failed), file=sys.stderr)
            print(body, file=sys.stderr)
            return 1
        print("smtp_reminder: the reminder reached aiosmtpd once, with its recipient, subject and accents")
        return 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
