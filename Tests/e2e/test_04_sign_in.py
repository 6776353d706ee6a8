"""Journey 4: a demo agent signs in and out; a wrong password is refused."""

from selenium.webdriver.common.by import By

from support import DEMO_PASSWORD, fill, follow, h1, header, header_text, link, path_of, submit_with, visit

ENREGISTREUR = "enregistreur@demo.logis.fr"


def test_sign_in_and_sign_out(driver, screenshot, axe_check):
    visit(driver, "/")
    follow(driver, link(driver, "Se connecter", header(driver)))
    assert path_of(driver) == "/connexion"
    assert h1(driver) == "Se connecter"
    screenshot(driver, "connexion")
    axe_check(driver, "connexion")

    fill(driver, "email", ENREGISTREUR)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")
    screenshot(driver, "compte-enregistreur")

    assert path_of(driver) == "/guichet", "a desk agent lands on the desk's queues"
    visit(driver, "/compte")
    assert h1(driver) == "Mon compte"
    assert ENREGISTREUR in driver.find_element(By.ID, "contenu").text
    assert "Se déconnecter" in header_text(driver)
    assert "Se connecter" not in header_text(driver)

    submit_with(driver, "Se déconnecter")
    screenshot(driver, "deconnecte")
    assert "Se connecter" in header_text(driver)
    assert "Se déconnecter" not in header_text(driver)

    visit(driver, "/compte")
    assert path_of(driver) == "/connexion?suite=%2Fcompte"
    assert h1(driver) == "Se connecter"
    screenshot(driver, "compte-redirige-vers-connexion")


def test_sign_in_with_wrong_password(driver, screenshot, axe_check):
    visit(driver, "/connexion")
    fill(driver, "email", ENREGISTREUR)
    fill(driver, "password", "pas-le-bon-mot-de-passe")
    submit_with(driver, "Se connecter")
    screenshot(driver, "connexion-mauvais-mot-de-passe")

    error = driver.find_element(By.CSS_SELECTOR, "div.alert-error")
    assert error.text.strip() == "Adresse e-mail ou mot de passe incorrect."
    assert path_of(driver).startswith("/connexion")
    assert driver.find_element(By.ID, "email").get_attribute("value") == ENREGISTREUR
    assert driver.find_element(By.ID, "password").get_attribute("value") == ""
    assert "Se connecter" in header_text(driver)
    axe_check(driver, "connexion-erreur")
