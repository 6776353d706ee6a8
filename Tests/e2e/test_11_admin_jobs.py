"""Journey 11: the platform administrator reads the daily jobs and the outbox (the demo server ran
the day's jobs at start), at 1280 px and at 390 px, with axe on each page."""

from selenium.webdriver.common.by import By

from support import DEMO_PASSWORD, fill, h1, submit_with, visit

ADMIN = "admin@demo.logis.fr"


def test_the_jobs_page_at_desktop_and_phone_widths(driver, screenshot, axe_check):
    visit(driver, "/connexion")
    fill(driver, "email", ADMIN)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")
    menu = driver.find_element(By.LINK_TEXT, "Tâches et messages")
    assert menu.get_attribute("href").endswith("/admin/taches")
    for width, suffix in ((1280, ""), (390, "-390")):
        driver.set_window_size(width, 900)
        visit(driver, "/admin/taches")
        assert h1(driver) == "Tâches quotidiennes et messages", h1(driver)
        sections = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "h2")]
        assert sections[:3] == ["Dernières exécutions", "File d’envoi", "Messages en échec"], sections
        screenshot(driver, f"admin-taches{suffix}")
        axe_check(driver, f"admin-taches{suffix}")
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, "the jobs page scrolls sideways"
