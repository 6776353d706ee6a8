"""Journey 15: the EPCI administrator writes a new version of the cotation grid (more points per
month of seniority), previews its effect, publishes it effective today; the nightly recompute is
run by hand against the same database, and the applicant's cotation shows the new version. Axe
at 1280 px and 390 px on the new pages."""

import datetime
import os
import sqlite3
import subprocess
from pathlib import Path

from selenium.webdriver.common.by import By

from support import DEMO_PASSWORD, fill, h1, path_of, submit_with, visit

REPO_ROOT = Path(__file__).resolve().parents[2]


def sign_in(driver, email: str) -> None:
    visit(driver, "/connexion")
    fill(driver, "email", email)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")


def check_widths(driver, path: str, name: str, screenshot, axe_check) -> None:
    for width, suffix in ((1280, ""), (390, "-390")):
        driver.set_window_size(width, 900)
        visit(driver, path)
        screenshot(driver, f"{name}{suffix}")
        axe_check(driver, f"{name}{suffix}")
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways at {width} px"
    driver.set_window_size(1280, 900)


def run_nightly_recompute(day: str) -> str:
    binary = Path(os.environ.get("LOGIS_BIN", ".build/debug/logis"))
    if not binary.is_absolute():
        binary = REPO_ROOT / binary
    env = dict(os.environ, LOGIS_SQLITE_PATH=os.environ["LOGIS_E2E_SQLITE"], LOGIS_BCRYPT_COST="4")
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [str(binary), "jobs", "run", "--job", "cotation-recompute", "--date", day],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def applicant_grid_version() -> int:
    with sqlite3.connect(f"file:{os.environ['LOGIS_E2E_SQLITE']}?mode=ro", uri=True, timeout=10) as rows:
        row = rows.execute(
            "SELECT r.grid_version FROM housing_requests r JOIN accounts a ON a.id = r.account_id "
            "WHERE a.email = 'demandeur@demo.logis.fr' AND r.nud IS NOT NULL").fetchone()
    assert row, "the demo applicant's request"
    return row[0]


def test_a_new_grid_version_is_previewed_published_and_scored(driver, screenshot, axe_check):
    sign_in(driver, "epci@demo.logis.fr")
    check_widths(driver, "/epci/grille", "grille-versions", screenshot, axe_check)
    assert h1(driver).startswith("Grille de cotation"), h1(driver)
    submit_with(driver, "Nouvelle version")
    assert path_of(driver) == "/epci/grille/versions/2", path_of(driver)
    assert h1(driver) == "Brouillon de la version 2"

    # A wrong value is shown next to its field, then corrected.
    fill(driver, "seniority-points", "deux")
    submit_with(driver, "Enregistrer le brouillon")
    error = driver.find_element(By.ID, "err-seniority-points")
    assert "nombre entier" in error.text
    assert driver.find_element(By.ID, "seniority-points").get_attribute("aria-invalid") == "true"
    fill(driver, "seniority-points", "2")
    submit_with(driver, "Enregistrer le brouillon")
    assert path_of(driver) == "/epci/grille/versions/2?message=enregistre", path_of(driver)
    check_widths(driver, "/epci/grille/versions/2", "grille-brouillon", screenshot, axe_check)

    check_widths(driver, "/epci/grille/versions/2/apercu", "grille-apercu", screenshot, axe_check)
    up = int(driver.find_element(By.ID, "moved-up").text)
    down = int(driver.find_element(By.ID, "moved-down").text)
    same = int(driver.find_element(By.ID, "unchanged").text)
    assert up + down + same > 0, "the territory's requests were compared"
    today = driver.find_element(By.ID, "effectiveFrom").get_attribute("value")
    submit_with(driver, "Publier")
    assert path_of(driver) == "/epci/grille?message=publiee", path_of(driver)
    rows = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
    assert rows[0].startswith("2 En vigueur"), rows

    # The public page shows the version in force.
    visit(driver, "/territoires/petite-camargue")
    grid = driver.find_element(By.XPATH, "//section[@aria-labelledby='titre-cotation']").text
    assert "version 2" in grid and "2 points par mois" in grid, grid

    # The nightly recompute of the next day scores the applicant with version 2.
    tomorrow = (datetime.date.fromisoformat(today) + datetime.timedelta(days=1)).isoformat()
    output = run_nightly_recompute(tomorrow)
    assert "cotation-recompute" in output, output
    assert applicant_grid_version() == 2

    driver.delete_all_cookies()
    sign_in(driver, "demandeur@demo.logis.fr")
    visit(driver, "/mon-espace/cotation")
    caption = driver.find_element(By.CSS_SELECTOR, "#cotation-detail caption").text
    assert caption.endswith("version 2"), caption
