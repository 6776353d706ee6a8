"""Journey 9: a desk agent searches by name (the form posts, so no name reaches an address),
opens a result, at 1280 px and at 390 px, with axe on each page."""

from selenium.webdriver.common.by import By

from support import DEMO_PASSWORD, click_and_wait, fill, h1, path_of, submit_with, visit

AGENT = "enregistreur@demo.logis.fr"


def sideways_overflow(driver) -> int:
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def search_and_open(driver, screenshot, axe_check, suffix: str) -> None:
    visit(driver, "/guichet")
    assert h1(driver).startswith("Guichet – "), h1(driver)
    axe_check(driver, f"guichet-accueil{suffix}")
    assert sideways_overflow(driver) <= 0, "the desk home scrolls sideways"
    visit(driver, "/guichet/file/a-radier")
    axe_check(driver, f"guichet-file{suffix}")
    assert sideways_overflow(driver) <= 0, "a queue page scrolls sideways"

    visit(driver, "/guichet/recherche")
    form = driver.find_element(By.CSS_SELECTOR, "form.search-form")
    assert form.get_attribute("method").lower() == "post"
    fill(driver, "q", "martin")
    submit_with(driver, "Rechercher")
    assert path_of(driver) == "/guichet/recherche"
    assert "martin" not in driver.current_url.lower(), "the name stays out of the address"
    results = driver.find_elements(By.CSS_SELECTOR, "ul.results li a")
    assert results, "the demo territory has households named Martin"
    # A household is found by either person's names: most lines are applicants named Martin, the
    # others have a co-applicant named Martin.
    assert any("MARTIN" in r.text for r in results), [r.text for r in results][:5]
    screenshot(driver, f"guichet-recherche{suffix}")
    axe_check(driver, f"guichet-recherche{suffix}")
    assert sideways_overflow(driver) <= 0, "the search results scroll sideways"

    click_and_wait(driver, results[0])
    assert path_of(driver).startswith("/guichet/demandes/")
    screenshot(driver, f"guichet-dossier-trouve{suffix}")
    axe_check(driver, f"guichet-dossier-trouve{suffix}")
    assert sideways_overflow(driver) <= 0, "the file scrolls sideways"


def test_search_by_name_at_desktop_and_phone_widths(driver, screenshot, axe_check):
    visit(driver, "/connexion")
    fill(driver, "email", AGENT)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")
    search_and_open(driver, screenshot, axe_check, "")
    driver.set_window_size(390, 844)
    search_and_open(driver, screenshot, axe_check, "-390")
