"""The daily jobs run once across instances on one PostgreSQL, and a run killed midway resumes.

    DATABASE_URL=postgres://logis:logis@127.0.0.1:5432/logis_test python3 Tests/jobs/exactly_once.py .build/debug/logis

1. Seeds the demo into a fresh database (one `logis serve --demo`, jobs off), then copies it
   (CREATE DATABASE … TEMPLATE) three times.
2. Reference: one `logis jobs run --date D` per day D of a span, alone.
3. Concurrent: for each day, two `logis jobs run --date D` started at the same moment, each with
   its own outbox directory (the `log` transport writes one file per message sent).
4. Killed: the same days, each run killed with SIGKILL after a random short delay, then run again.
Checks: the concurrent and killed databases hold exactly the reference's messages (same
idempotence keys, same struck-off requests), one job_runs row per job and day, and no message
file written twice (by two instances, or by a run and its rerun). Requires psql as `postgres`.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
DAYS = int(os.environ.get("JOBS_DAYS", "12"))


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["su", "postgres", "-c", f'psql -qtA -d {database} -c "{sql}"'],
        check=True, capture_output=True, text=True).stdout.strip()


def url_of(base: str, name: str) -> str:
    parsed = urlparse(base)
    return parsed._replace(path="/" + name).geturl()


def env_for(base: str, database: str, outbox: Path, work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url_of(base, database), LOGIS_OUTBOX_DIR=str(outbox), LOGIS_FILES_DIR=str(work / "files"),
        LOGIS_RULES_DIR=str(work / "rules"), LOGIS_BCRYPT_COST="4", LOGIS_JOBS="off")
    env.pop("SMTP_HOST", None)
    env.pop("LOGIS_OUTBOX_TRANSPORT", None)
    return env


def seed(binary: Path, base: str, work: Path) -> None:
    psql("DROP DATABASE IF EXISTS logis_jobs_seed")
    psql("CREATE DATABASE logis_jobs_seed OWNER logis")
    env = env_for(base, "logis_jobs_seed", work / "seed-outbox", work)
    port = 18000 + random.randint(0, 999)
    log = open(work / "seed.log", "w")
    server = subprocess.Popen(
        [str(binary), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    for _ in range(240):
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        raise SystemExit("exactly_once: the seeding server never answered /healthz")
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)


def clone(name: str) -> None:
    psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {name} OWNER logis TEMPLATE logis_jobs_seed")


def jobs_run(binary: Path, env: dict[str, str], day: date, log) -> subprocess.Popen:
    return subprocess.Popen(
        [str(binary), "jobs", "run", "--date", day.isoformat()], cwd=REPO, env=env, stdout=log,
        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def state(database: str) -> dict[str, object]:
    keys = psql("SELECT idempotence_key FROM outbox_messages ORDER BY 1", database).splitlines()
    struck = psql("SELECT id FROM housing_requests WHERE status = 'radiee' ORDER BY 1", database).splitlines()
    runs = psql("SELECT job || ' ' || day || ' ' || status FROM job_runs ORDER BY 1", database).splitlines()
    # Letters wait on the desks' print list (status pending until printed): no transport sends them.
    unsent = psql("SELECT count(*) FROM outbox_messages WHERE status <> 'sent' AND channel <> 'letter'", database)
    transported = psql("SELECT count(*) FROM outbox_messages WHERE channel <> 'letter'", database)
    return {"keys": keys, "struck": struck, "runs": runs, "unsent": int(unsent), "transported": int(transported)}


def files(*folders: Path) -> list[str]:
    return [f.name for folder in folders if folder.exists() for f in folder.iterdir()]


def main() -> int:
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/logis").resolve()
    base = os.environ.get("DATABASE_URL")
    if not base:
        raise SystemExit("exactly_once: set DATABASE_URL (scripts/start-postgres.sh prints one)")
    work = Path(tempfile.mkdtemp(prefix="logis-jobs-"))
    random.seed(20261128)
    started = time.monotonic()
    seed(binary, base, work)
    today = date.today()
    days = [today + timedelta(days=n) for n in range(DAYS)]
    log = open(work / "jobs.log", "w")

    clone("logis_jobs_ref")
    env = env_for(base, "logis_jobs_ref", work / "ref", work)
    for day in days:
        assert jobs_run(binary, env, day, log).wait() == 0, f"reference run failed on {day}"
    reference = state("logis_jobs_ref")

    clone("logis_jobs_two")
    env_a = env_for(base, "logis_jobs_two", work / "a", work)
    env_b = env_for(base, "logis_jobs_two", work / "b", work)
    for day in days:
        pair = [jobs_run(binary, env_a, day, log), jobs_run(binary, env_b, day, log)]
        assert all(p.wait() == 0 for p in pair), f"a concurrent run failed on {day}"
    two = state("logis_jobs_two")
    two_files = files(work / "a", work / "b")

    clone("logis_jobs_killed")
    env_k = env_for(base, "logis_jobs_killed", work / "k", work)
    kills = 0
    for day in days:
        run = jobs_run(binary, env_k, day, log)
        time.sleep(random.uniform(0.05, 0.5))
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            run.wait()
            kills += 1
        # The rerun takes over a run whose heartbeat went silent: wait out the lease in the
        # database rather than in real time (the same UPDATE a later day's instance would see).
        psql("UPDATE job_runs SET heartbeat_at = heartbeat_at - interval '1 hour' WHERE status = 'running'",
             "logis_jobs_killed")
        psql("UPDATE outbox_messages SET lease_until = lease_until - interval '1 hour' WHERE status = 'sending'",
             "logis_jobs_killed")
        assert jobs_run(binary, env_k, day, log).wait() == 0, f"the rerun failed on {day}"
    killed = state("logis_jobs_killed")
    killed_files = files(work / "k")

    problems = []
    for name, got in (("two instances", two), ("killed and rerun", killed)):
        for field in ("keys", "struck"):
            if got[field] != reference[field]:
                problems.append(f"{name}: {field} differ from the reference "
                                f"({len(got[field])} vs {len(reference[field])})")
        if got["runs"] != reference["runs"]:
            problems.append(f"{name}: job runs differ: {got['runs']} vs {reference['runs']}")
        if got["unsent"]:
            problems.append(f"{name}: {got['unsent']} message(s) not sent")
    if len(two_files) != len(set(two_files)) or len(two_files) != reference["transported"]:
        problems.append(f"two instances: {len(two_files)} files for {reference['transported']} messages "
                        f"({len(two_files) - len(set(two_files))} written by both)")
    if len(killed_files) != reference["transported"]:
        problems.append(f"killed and rerun: {len(killed_files)} files for {reference['transported']} messages")
    elapsed = time.monotonic() - started
    print(f"exactly_once: {DAYS} days × every daily job; {len(reference['keys'])} messages and "
          f"{len(reference['struck'])} struck-off requests in the reference; two instances: "
          f"{len(files(work / 'a'))} + {len(files(work / 'b'))} files; {kills} runs killed with SIGKILL "
          f"and rerun; {elapsed:.0f} s")
    for problem in problems:
        print("exactly_once: FAILED: " + problem, file=sys.stderr)
    if problems:
        print(f"exactly_once: logs in {work}", file=sys.stderr)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    for name in ("logis_jobs_ref", "logis_jobs_two", "logis_jobs_killed", "logis_jobs_seed"):
        psql(f"DROP DATABASE IF EXISTS {name}")
    print("exactly_once: every message once, every job once per day, nothing lost to a kill")
    return 0


if __name__ == "__main__":
    sys.exit(main())
