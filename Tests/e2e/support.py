"""Small Selenium helpers shared by the journeys."""

from __future__ import annotations

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
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
    """The <button> whose visible text is exactly `label`."""
    return driver.find_element(By.XPATH, f"//button[normalize-space()='{label}']")


def link(driver, label: str, scope=None):
    """The <a> whose visible text is exactly `label` (inside `scope` if given)."""
    return (scope or driver).find_element(By.XPATH, f".//a[normalize-space()='{label}']")


def submit_with(driver, label: str) -> None:
    """Clicks the button `label` and waits for the next page to be loaded."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    button(driver, label).click()
    WebDriverWait(driver, TIMEOUT).until(EC.staleness_of(old_page))
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def follow(driver, element) -> None:
    """Clicks a link and waits for the next page to be loaded."""
    old_page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, TIMEOUT).until(EC.staleness_of(old_page))
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script("return document.readyState") == "complete")


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
