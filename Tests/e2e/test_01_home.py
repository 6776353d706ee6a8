"""Journey 1: the home page, its navigation and the keyboard skip link."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from support import TIMEOUT, h1, header, link, path_of, visit


def test_home_page_has_title_and_navigation(driver, screenshot, axe_check):
    visit(driver, "/")
    screenshot(driver, "home")

    assert h1(driver) == "Votre demande de logement social"
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert driver.title.endswith("– Logis")

    nav = header(driver).find_element(By.TAG_NAME, "nav")
    assert link(driver, "Guichets", nav).get_attribute("pathname") == "/guichets"
    assert link(driver, "Se connecter", nav).get_attribute("pathname") == "/connexion"
    assert link(driver, "Créer un compte", nav).get_attribute("pathname") == "/inscription"
    assert "Se déconnecter" not in nav.text

    axe_check(driver, "home")


def test_skip_link_moves_keyboard_focus_to_main(driver, screenshot):
    visit(driver, "/")
    skip = driver.find_element(By.CSS_SELECTOR, "a.skip-link")
    assert skip.get_attribute("textContent").strip() == "Aller au contenu"
    assert skip.get_attribute("hash") == "#contenu"
    main = driver.find_element(By.ID, "contenu")
    assert main.tag_name == "main"

    # Tab from a fresh page: the skip link is the first thing to get the focus, and shows.
    ActionChains(driver).send_keys(Keys.TAB).perform()
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.switch_to.active_element == skip)
    assert skip.is_displayed()
    assert skip.location["x"] >= 0 and skip.location["y"] >= 0, "the focused skip link must be on screen"
    screenshot(driver, "home-skip-link-focused")

    # Enter follows it: the focus lands on <main id="contenu">.
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.switch_to.active_element == main)
    assert driver.current_url.endswith("#contenu")
    assert path_of(driver) == "/"
    screenshot(driver, "home-skip-link-followed")

    # The next Tab continues inside the main content, not back in the header.
    ActionChains(driver).send_keys(Keys.TAB).perform()
    focused = driver.switch_to.active_element
    assert driver.execute_script("return arguments[0].contains(arguments[1])", main, focused), (
        f"Tab after the skip link went to {focused.tag_name} {focused.text!r}, outside <main>"
    )
