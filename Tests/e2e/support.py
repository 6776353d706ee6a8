"""Small Selenium helpers shared by the journeys."""

from __future__ import annotations

import os
import re
import sqlite3
import uuid
from urllib.parse import urlsplit

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = 15

DEMO_PASSWORD = "logis-demo-2026"
STRONG_PASSWORD = "Logement-Test-2026"


def visit(driver, path: str) -> None:
    driver.get(driver.base_url + path)
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def path_of(driver) -> str:
    """Path and query of the current page, e.g. `/connexion?suite=%2Fcompte`."""
    parts = urlsplit(driver.current_url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def button(driver, label: str):
    """The <button> whose visible text is `label` (a visually hidden end, such as the person or
    piece a repeated button acts on, may follow it)."""
    return driver.find_element(
        By.XPATH, f"//button[normalize-space()='{label}' or starts-with(normalize-space(), '{label} ')]")


def link(driver, label: str, scope=None):
    """The <a> whose visible text is exactly `label` (inside `scope` if given)."""
    return (scope or driver).find_element(By.XPATH, f".//a[normalize-space()='{label}']")


def click_and_wait(driver, element) -> None:
    """Clicks `element` and waits until another document has replaced this one and is loaded.

    The old document is tagged with a JS property: the wait ends when the current document no
    longer has it. (Waiting for the old <html> element to go stale races with the navigation:
    Chromium may then answer "Node with given id does not belong to the document", which is
    not a StaleElementReferenceException.) WebDriver errors raised while the page is being
    swapped are treated as "not yet".
    """
    marker = uuid.uuid4().hex
    driver.execute_script("window.__logisE2ePage = arguments[0]", marker)
    element.click()

    def new_page_loaded(d) -> bool:
        try:
            return bool(d.execute_script(
                "return window.__logisE2ePage !== arguments[0] && document.readyState === 'complete'", marker
            ))
        except WebDriverException:
            return False

    WebDriverWait(driver, TIMEOUT).until(new_page_loaded, f"no new page loaded {TIMEOUT} s after the click")


def submit_with(driver, label: str) -> None:
    """Clicks the button `label` and waits for the next page to be loaded."""
    click_and_wait(driver, button(driver, label))


def follow(driver, element) -> None:
    """Clicks a link and waits for the next page to be loaded."""
    click_and_wait(driver, element)


def fill(driver, field_id: str, value: str) -> None:
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


def h1(driver) -> str:
    return driver.find_element(By.TAG_NAME, "h1").text.strip()


def header(driver):
    return driver.find_element(By.CSS_SELECTOR, "header.site-header")


def header_text(driver) -> str:
    return header(driver).text


def mailed_link(email: str, template: str) -> str:
    """The path of the link in the latest message `template` queued for `email` (the outbox row)."""
    with sqlite3.connect(f"file:{os.environ['LOGIS_E2E_SQLITE']}?mode=ro", uri=True, timeout=10) as rows:
        row = rows.execute(
            "SELECT body FROM outbox_messages WHERE recipient = ? AND template = ? ORDER BY created_at DESC LIMIT 1",
            (email.lower(), template)).fetchone()
    assert row, f"no {template} message for {email}"
    match = re.search(r"https?://[^/\s]+(/[^\s]+)", row[0])
    assert match, row[0]
    return match.group(1)


def confirm_email(driver, email: str) -> None:
    """Opens the sign-up's confirmation link and presses its button; ends on the sign-in page."""
    visit(driver, mailed_link(email, "email-confirmation"))
    assert h1(driver) == "Confirmer mon adresse e-mail"
    submit_with(driver, "Confirmer mon adresse")
    assert path_of(driver) == "/connexion?message=adresse-confirmee", path_of(driver)


def sign_up_and_sign_in(driver, name: str, email: str, password: str) -> None:
    """Creates an account through the pages, confirms its address, then signs in."""
    visit(driver, "/inscription")
    fill(driver, "displayName", name)
    fill(driver, "email", email)
    fill(driver, "password", password)
    fill(driver, "passwordConfirmation", password)
    submit_with(driver, "Créer mon compte")
    assert h1(driver) == "Vérifiez votre messagerie", h1(driver)
    confirm_email(driver, email)
    fill(driver, "email", email)
    fill(driver, "password", password)
    submit_with(driver, "Se connecter")
    assert path_of(driver) == "/mon-espace", path_of(driver)
