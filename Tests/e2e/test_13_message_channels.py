"""Journey 13: the applicant chooses how to be told (paper letter plus SMS), with the keyboard
only; a registering desk agent opens the territory's letters to print and downloads one as PDF.
Axe checks each page."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from support import DEMO_PASSWORD, fill, follow, h1, link, submit_with, visit


def sign_in(driver, email: str) -> None:
    visit(driver, "/connexion")
    fill(driver, "email", email)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")


def test_the_applicant_chooses_a_letter_and_an_sms(driver, screenshot, axe_check):
    sign_in(driver, "demandeur@demo.logis.fr")
    visit(driver, "/mon-espace")
    follow(driver, link(driver, "choisir comment recevoir nos messages"))
    assert h1(driver) == "Comment être prévenu(e)", h1(driver)
    legends = [e.text for e in driver.find_elements(By.TAG_NAME, "legend")]
    assert legends == ["Recevoir nos messages", "En plus"], legends
    assert driver.find_element(By.ID, "main-email").is_selected(), "e-mail is the default"
    axe_check(driver, "mon-espace-messages")
    # Keyboard only: the letter radio, the SMS box, the number.
    driver.find_element(By.ID, "main-letter").send_keys(Keys.SPACE)
    driver.find_element(By.ID, "sms").send_keys(Keys.SPACE)
    fill(driver, "mobile", "06 12 34 56 78")
    screenshot(driver, "mon-espace-messages")
    submit_with(driver, "Enregistrer mes choix")
    assert "Vos choix sont enregistrés." in driver.page_source
    assert driver.find_element(By.ID, "main-letter").is_selected()
    assert driver.find_element(By.ID, "sms").is_selected()
    assert driver.find_element(By.ID, "mobile").get_attribute("value") == "06 12 34 56 78"
    axe_check(driver, "mon-espace-messages-enregistre")


def test_the_desk_lists_its_letters_to_print(driver, screenshot, axe_check):
    sign_in(driver, "enregistreur@demo.logis.fr")
    visit(driver, "/guichet")
    follow(driver, link(driver, "Courriers à imprimer"))
    assert h1(driver) == "Courriers à imprimer", h1(driver)
    screenshot(driver, "guichet-courriers")
    axe_check(driver, "guichet-courriers")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.queue tbody tr")
    # The demo registered paper requests at this desk: their « NUD issued » letters wait here.
    assert rows, "the demo's paper requests have letters to print"
    href = rows[0].find_element(By.TAG_NAME, "a").get_attribute("href")
    status = driver.execute_script(
        "const r = new XMLHttpRequest(); r.open('GET', arguments[0], false); r.send();"
        " return [r.status, r.getResponseHeader('Content-Type')];", href)
    assert status == [200, "application/pdf"], status
