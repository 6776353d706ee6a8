"""Journey 8: the privacy page, reached from the footer of any page, readable at 390 px."""

from selenium.webdriver.common.by import By

from support import click_and_wait, h1, link, path_of, visit


def test_privacy_page_from_the_footer(driver, screenshot, axe_check):
    visit(driver, "/")
    footer = driver.find_element(By.TAG_NAME, "footer")
    click_and_wait(driver, link(driver, "Données personnelles et confidentialité", footer))
    assert path_of(driver) == "/confidentialite"
    assert h1(driver) == "Données personnelles et confidentialité"
    screenshot(driver, "confidentialite")

    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
    for expected in ("Pourquoi nous traitons vos données", "Combien de temps elles sont conservées",
                     "Vos droits et comment les exercer", "Réclamation auprès de la CNIL", "Contact"):
        assert expected in headings, headings
    retention = driver.find_element(By.ID, "conservation").find_element(By.XPATH, "..").text
    assert "12 mois après la radiation" in retention

    axe_check(driver, "confidentialite")


def test_privacy_page_fits_a_phone(driver, screenshot):
    driver.set_window_size(390, 844)
    visit(driver, "/confidentialite")
    screenshot(driver, "confidentialite-390")
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 390 px"
