"""Journey 14 (issue 13, « Done when »): every role's signed-in pages at 1280 px and 390 px with
axe, and none scrolls sideways. For each demo role: its home, then the pages its home and the
header link to (queues, search, print list, lists, account…), up to PAGES_PER_ROLE of them."""

from __future__ import annotations

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from support import visit
from test_12_experience import HOMES, check_widths, sign_in, sign_out

PAGES_PER_ROLE = 7
# Not pages of the role: files to download, the API's documents, what signs out, and the public
# pages (journey 12 checks those at both widths).
SKIPPED_PREFIXES = (
    "/api", "/deconnexion", "/mon-espace/donnees", "/guichets", "/simulateur", "/territoires", "/plan-du-site",
    "/mentions-legales", "/accessibilite", "/confidentialite", "/inscription", "/connexion")
SKIPPED_SUFFIXES = (".pdf", ".csv", ".json", ".zip")


def linked_pages(driver, home: str) -> list[str]:
    """Same-site GET links of the header and of the page, in page order, each path once."""
    seen: list[str] = [home]
    for anchor in driver.find_elements(By.CSS_SELECTOR, "header a[href], main a[href]"):
        parts = urlsplit(anchor.get_attribute("href") or "")
        if parts.netloc != urlsplit(driver.current_url).netloc or not parts.path.startswith("/"):
            continue
        path = parts.path
        if path == "/" or path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES) or path in seen:
            continue
        seen.append(path)
    return seen[:PAGES_PER_ROLE]


def test_every_role_page_passes_axe_at_both_widths(driver, screenshot, axe_check):
    visited = {}
    for role, (home, _) in HOMES.items():
        sign_in(driver, f"{role}@demo.logis.fr")
        pages = linked_pages(driver, home)
        for number, path in enumerate(pages):
            visit(driver, path)
            assert "Se déconnecter" in driver.find_element(By.TAG_NAME, "header").text, f"{role}: {path}"
            check_widths(driver, screenshot, axe_check, f"role-{role}-{number}")
        visited[role] = pages
        sign_out(driver)
    print({role: len(pages) for role, pages in visited.items()})
    assert all(len(pages) >= 2 for pages in visited.values()), visited
