"""Journey 13: the observatory, for the EPCI administrator (filters, tables, SVG charts) and for
anyone (small cells hidden), at 1280 px and at 390 px, with axe on each page."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import DEMO_PASSWORD, fill, h1, path_of, submit_with, visit


def sideways_overflow(driver) -> int:
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def check_figures(driver) -> None:
    charts = driver.find_elements(By.CSS_SELECTOR, "section.figure svg[role='img']")
    assert len(charts) == 11, f"one chart per figure, got {len(charts)}"
    for chart in charts:
        assert chart.find_element(By.TAG_NAME, "title").get_attribute("textContent").strip()
        assert chart.find_element(By.TAG_NAME, "desc").get_attribute("textContent").strip()
    assert len(driver.find_elements(By.CSS_SELECTOR, "section.figure table caption")) == 11
    assert driver.find_elements(By.CSS_SELECTOR, "#renewals-and-strike-offs svg polyline"), "the months are a line"


def test_epci_filters_the_observatory_at_desktop_and_phone_widths(driver, screenshot, axe_check):
    visit(driver, "/connexion")
    fill(driver, "email", "epci@demo.logis.fr")
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")
    visit(driver, "/observatoire")
    assert h1(driver).startswith("Observatoire"), h1(driver)
    check_figures(driver)
    screenshot(driver, "observatoire-1280")
    axe_check(driver, "observatoire")

    Select(driver.find_element(By.ID, "commune")).select_by_visible_text("Vauvert (30600)")
    submit_with(driver, "Afficher")
    assert "commune=30341" in driver.current_url
    assert path_of(driver).startswith("/observatoire?")
    assert Select(driver.find_element(By.ID, "commune")).first_selected_option.text.strip() == "Vauvert (30600)"
    check_figures(driver)
    axe_check(driver, "observatoire-vauvert")

    driver.set_window_size(390, 844)
    visit(driver, "/observatoire")
    screenshot(driver, "observatoire-390")
    axe_check(driver, "observatoire-390")
    assert sideways_overflow(driver) <= 0, "the observatory scrolls sideways at 390 px"


def test_public_observatory_without_an_account(driver, screenshot, axe_check):
    visit(driver, "/observatoire/public?territoire=petite-camargue")
    check_figures(driver)
    main = driver.find_element(By.ID, "contenu").text
    assert "< 5" in main, "small cells are hidden"
    screenshot(driver, "observatoire-public-1280")
    axe_check(driver, "observatoire-public")
    driver.set_window_size(390, 844)
    visit(driver, "/observatoire/public")
    screenshot(driver, "observatoire-public-390")
    axe_check(driver, "observatoire-public-390")
    assert sideways_overflow(driver) <= 0, "the public observatory scrolls sideways at 390 px"
