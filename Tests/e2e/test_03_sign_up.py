"""Journey 3: an applicant creates an account; a weak password is refused."""

import uuid

from selenium.webdriver.common.by import By

from support import STRONG_PASSWORD, fill, follow, h1, header_text, link, path_of, submit_with, visit


def test_sign_up_refuses_weak_password_then_succeeds(driver, screenshot, axe_check):
    email = f"e2e-{uuid.uuid4().hex[:12]}@exemple.fr"

    visit(driver, "/")
    follow(driver, link(driver, "Créer un compte"))
    assert path_of(driver) == "/inscription"
    assert h1(driver) == "Créer mon compte"
    screenshot(driver, "inscription")
    axe_check(driver, "inscription")

    # Weak password: the form comes back with the error and the typed name and e-mail.
    fill(driver, "displayName", "Camille Testeuse")
    fill(driver, "email", email)
    fill(driver, "password", "faible")
    fill(driver, "passwordConfirmation", "faible")
    submit_with(driver, "Créer mon compte")
    screenshot(driver, "inscription-mot-de-passe-faible")

    error = driver.find_element(By.CSS_SELECTOR, "div.alert-error")
    assert "Mot de passe trop faible" in error.text
    assert error.get_attribute("role") == "alert"
    assert driver.find_element(By.ID, "displayName").get_attribute("value") == "Camille Testeuse"
    assert driver.find_element(By.ID, "email").get_attribute("value") == email
    assert driver.find_element(By.ID, "password").get_attribute("value") == ""
    assert "Se connecter" in header_text(driver)
    axe_check(driver, "inscription-erreur")

    # Strong password: the account is created and the applicant is signed in.
    fill(driver, "password", STRONG_PASSWORD)
    fill(driver, "passwordConfirmation", STRONG_PASSWORD)
    submit_with(driver, "Créer mon compte")
    screenshot(driver, "compte-nouveau-demandeur")

    assert path_of(driver) == "/compte"
    assert h1(driver) == "Mon compte"
    main = driver.find_element(By.ID, "contenu")
    assert email in main.text
    assert "Camille Testeuse" in main.text
    assert "Se déconnecter" in header_text(driver)
    axe_check(driver, "compte")
