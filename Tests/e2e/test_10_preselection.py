"""Journey 10: a bailleur declares a vacancy in Vauvert, reads the three explained candidates,
asks why another request is not proposed, and keeps the three for the commission; axe at
1280 px and 390 px on each page."""

from selenium.webdriver.common.by import By

from support import DEMO_PASSWORD, click_and_wait, fill, h1, path_of, submit_with, visit

BAILLEUR = "bailleur@demo.logis.fr"


def sideways_overflow(driver) -> int:
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def check(driver, screenshot, axe_check, name: str) -> None:
    screenshot(driver, name)
    axe_check(driver, name)
    assert sideways_overflow(driver) <= 0, f"{name} scrolls sideways"


def test_vacancy_preselection_and_selection(driver, screenshot, axe_check):
    visit(driver, "/connexion")
    fill(driver, "email", BAILLEUR)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")

    visit(driver, "/attributions")
    assert h1(driver) == "Logements et vacances – SEMIGA", h1(driver)
    check(driver, screenshot, axe_check, "attributions")
    row = driver.find_element(By.XPATH, "//tr[td[normalize-space()='VAU-COS-1']]")
    click_and_wait(driver, row.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    assert path_of(driver).startswith("/attributions/vacances/")
    assert "La vacance est déclarée" in driver.page_source
    choices = driver.find_elements(By.CSS_SELECTOR, "input[name='candidates[]']")
    checked = [c.get_attribute("value") for c in choices if c.is_selected()]
    assert len(checked) == 3, checked
    assert "Cotation :" in driver.page_source and "Souhait : Vauvert" in driver.page_source
    check(driver, screenshot, axe_check, "vacance")
    vacancy_path = path_of(driver)

    # Why is the fourth of the ranking not proposed?
    fourth = choices[3].get_attribute("value")
    fill(driver, "nud", fourth)
    submit_with(driver, "Expliquer")
    status = driver.find_element(By.CSS_SELECTOR, "[role=status] .candidate").text
    assert fourth in status and "rang 4" in status, status

    driver.set_window_size(390, 844)
    visit(driver, vacancy_path)
    check(driver, screenshot, axe_check, "vacance-390")
    visit(driver, "/attributions")
    check(driver, screenshot, axe_check, "attributions-390")
    driver.set_window_size(1280, 900)

    visit(driver, vacancy_path)
    submit_with(driver, "Retenir pour la commission")
    assert "Les candidatures sont retenues" in driver.page_source
    kept = driver.find_elements(By.CSS_SELECTOR, "#retenus ~ ol > li, section[aria-labelledby=retenus] li")
    assert any(c in driver.page_source for c in checked)
    assert kept, "the kept candidates are listed"
    check(driver, screenshot, axe_check, "vacance-retenus")
