"""Real-browser harness of Logis: the built server, headless Chromium, axe-core.

The session starts the real `logis` binary (path in $LOGIS_BIN, set by run.sh) on a free
port with a fresh SQLite file and the demo data, then every test drives its own headless
Chromium against it. Screenshots go to var/e2e/ (one per journey step, and one on failure).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO_ROOT = Path(__file__).resolve().parents[2]
SHOT_DIR = Path(os.environ.get("LOGIS_E2E_OUTPUT", REPO_ROOT / "var" / "e2e"))
CHROMIUM = os.environ.get("LOGIS_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("LOGIS_E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
STARTUP_TIMEOUT = 120.0  # ~600 generated demo requests are loaded at start (~10–20 s)

# WCAG 2.0/2.1 A and AA plus axe's best practices; serious and critical violations fail.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_BLOCKING_IMPACTS = {"serious", "critical"}

_shot_numbers = itertools.count(1)


# --------------------------------------------------------------------------------------
# Server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _logis_binary() -> Path:
    raw = os.environ.get("LOGIS_BIN", ".build/debug/logis")
    path = Path(raw)
    if not path.is_absolute():
        # Relative to where pytest was started, else to the repository root.
        candidates = [Path.cwd() / path, REPO_ROOT / path]
        path = next((c for c in candidates if c.exists()), candidates[0])
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.exit(f"logis binary not found or not executable: {path} (set LOGIS_BIN)", returncode=2)
    return path.resolve()


def _healthz(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


@pytest.fixture(scope="session")
def base_url():
    """Starts `logis serve --demo` on a free port with a fresh SQLite file; yields its URL."""
    binary = _logis_binary()
    SHOT_DIR.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="logis-e2e-"))
    port = _free_port()
    env = dict(os.environ)
    for name in ("DATABASE_URL", "LOGIS_PUBLIC_URL"):
        env.pop(name, None)  # SQLite, plain-HTTP cookies
    env["LOGIS_SQLITE_PATH"] = str(workdir / "e2e.sqlite")
    # The journeys read the confirmation link of a sign-up from the outbox row, as the owner
    # would read it in their mailbox (support.confirm_email).
    os.environ["LOGIS_E2E_SQLITE"] = env["LOGIS_SQLITE_PATH"]
    env["LOGIS_BCRYPT_COST"] = "4"
    log_path = workdir / "server.log"
    log = open(log_path, "wb")
    # The working directory is the repository: Vapor reads Resources/Views and Public from it.
    process = subprocess.Popen(
        [str(binary), "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"

    def server_output() -> str:
        log.flush()
        return log_path.read_text(encoding="utf-8", errors="replace")

    def stop() -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()
        shutil.copyfile(log_path, SHOT_DIR / "server.log")
        shutil.rmtree(workdir, ignore_errors=True)

    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        if process.poll() is not None:
            output = server_output()
            stop()
            pytest.fail(f"logis exited with code {process.returncode} before answering /healthz:\n{output}")
        if _healthz(f"{url}/healthz") == 200:
            break
        if time.monotonic() > deadline:
            output = server_output()
            stop()
            pytest.fail(f"logis did not answer GET /healthz with 200 within {STARTUP_TIMEOUT:.0f} s:\n{output}")
        time.sleep(0.25)

    yield url
    stop()


# --------------------------------------------------------------------------------------
# Browser


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def driver(request, base_url):
    """A fresh headless Chromium (no cookies) per test; screenshot + HTML saved on failure."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=fr-FR",
    ):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(30)
    browser.set_script_timeout(30)
    browser.base_url = base_url
    yield browser
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        stem = SHOT_DIR / f"FAIL-{request.node.name}"
        try:
            browser.save_screenshot(str(stem.with_suffix(".png")))
            stem.with_suffix(".html").write_text(browser.page_source, encoding="utf-8")
        except Exception as error:  # the browser may be gone; the report matters more
            print(f"could not save the failure screenshot: {error}")
    browser.quit()


def _screenshot(driver, name: str) -> Path:
    """Saves var/e2e/NN-name.png, NN counting the steps of the whole run."""
    SHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SHOT_DIR / f"{next(_shot_numbers):02d}-{name}.png"
    assert driver.save_screenshot(str(path)), f"could not save {path}"
    return path


@pytest.fixture
def screenshot():
    return _screenshot


# --------------------------------------------------------------------------------------
# Accessibility


def _axe_source() -> str:
    override = os.environ.get("LOGIS_AXE_JS")
    if override:
        return Path(override).read_text(encoding="utf-8")
    # axe-playwright-python (installed with --no-deps) ships axe-core's axe.min.js; only the
    # file is used, the package itself (which needs Playwright) is never imported.
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        pytest.exit("axe-playwright-python is not installed (pip install --no-deps axe-playwright-python)", returncode=2)
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "axe.min.js"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    pytest.exit("axe.min.js not found inside axe_playwright_python", returncode=2)


_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(results => done({
    version: results.testEngine.version,
    url: results.url,
    violations: results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target, html: n.html, summary: n.failureSummary})),
    })),
  }))
  .catch(error => done({error: String(error && error.stack || error)}));
"""


def _format_violations(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation['impact']}] {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    target: {node['target']}")
            lines.append(f"      html: {node['html'][:300]}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def _axe_check(driver, name: str) -> dict:
    """Runs axe-core on the current page; fails on any serious or critical violation.

    Every result is written to var/e2e/axe-<name>.json; minor and moderate ones are printed.
    """
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(_axe_source())
    results = driver.execute_async_script(_AXE_RUN, AXE_TAGS)
    assert "error" not in results, f"axe.run failed on {name}: {results.get('error')}"
    SHOT_DIR.mkdir(parents=True, exist_ok=True)
    (SHOT_DIR / f"axe-{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    violations = results["violations"]
    blocking = [v for v in violations if v["impact"] in AXE_BLOCKING_IMPACTS]
    others = [v for v in violations if v["impact"] not in AXE_BLOCKING_IMPACTS]
    if others:
        print(f"axe {results['version']} on {name} ({results['url']}), non-blocking:\n{_format_violations(others)}")
    assert not blocking, (
        f"axe {results['version']} found serious/critical violations on {name} ({results['url']}):\n"
        + _format_violations(blocking)
    )
    return results


@pytest.fixture
def axe_check():
    return _axe_check
