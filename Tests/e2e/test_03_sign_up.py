"""Journey 3: an applicant creates an account; a weak password is refused."""

import uuid

from selenium.webdriver.common.by import By

from support import (
    STRONG_PASSWORD,
    fill,
    follow,
    h1,
    header_text,
    link,
    mailed_link,
    path_of,
    sign_up_and_sign_in,
    submit_with,
    visit,
)


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

    # Strong password: the account waits for its address to be confirmed.
    fill(driver, "password", STRONG_PASSWORD)
    fill(driver, "passwordConfirmation", STRONG_PASSWORD)
    submit_with(driver, "Créer mon compte")
    assert h1(driver) == "Vérifiez votre messagerie"
    assert "Un message vient d’être envoyé" in driver.find_element(By.ID, "contenu").text
    screenshot(driver, "inscription-message-envoye")
    axe_check(driver, "inscription-message-envoye")

    # Before the link: the right password is told the address is not confirmed yet.
    visit(driver, "/connexion")
    fill(driver, "email", email)
    fill(driver, "password", STRONG_PASSWORD)
    submit_with(driver, "Se connecter")
    assert "pas encore confirmée" in driver.find_element(By.CSS_SELECTOR, "div.alert-error").text

    # The link of the message confirms the address; then the applicant signs in.
    visit(driver, mailed_link(email, "email-confirmation"))
    screenshot(driver, "inscription-confirmer")
    axe_check(driver, "inscription-confirmer")
    submit_with(driver, "Confirmer mon adresse")
    assert path_of(driver) == "/connexion?message=adresse-confirmee"
    fill(driver, "email", email)
    fill(driver, "password", STRONG_PASSWORD)
    submit_with(driver, "Se connecter")
    screenshot(driver, "compte-nouveau-demandeur")

    assert path_of(driver) == "/mon-espace", "an applicant lands on their espace personnel"
    visit(driver, "/compte")
    assert h1(driver) == "Mon compte"
    main = driver.find_element(By.ID, "contenu")
    assert email in main.text
    assert "Camille Testeuse" in main.text
    assert "Se déconnecter" in header_text(driver)
    axe_check(driver, "compte")


def test_forgotten_password_link_works_once(driver, screenshot, axe_check):
    email = f"e2e-oubli-{uuid.uuid4().hex[:12]}@exemple.fr"
    sign_up_and_sign_in(driver, "Oubli Testeur", email, STRONG_PASSWORD)
    submit_with(driver, "Se déconnecter")

    visit(driver, "/connexion")
    follow(driver, link(driver, "Mot de passe oublié ?"))
    assert h1(driver) == "Mot de passe oublié"
    axe_check(driver, "mot-de-passe-oublie")
    fill(driver, "email", email)
    submit_with(driver, "Recevoir un lien")
    assert "Si un compte existe pour cette adresse" in driver.find_element(By.ID, "contenu").text
    screenshot(driver, "mot-de-passe-oublie-envoye")

    reset = mailed_link(email, "password-reset")
    visit(driver, reset)
    assert h1(driver) == "Choisir un nouveau mot de passe"
    axe_check(driver, "nouveau-mot-de-passe")
    fill(driver, "newPassword", "Nouveau-Logement-2026")
    fill(driver, "newPasswordConfirmation", "Nouveau-Logement-2026")
    submit_with(driver, "Enregistrer le nouveau mot de passe")
    assert path_of(driver) == "/connexion?message=mot-de-passe-reinitialise"

    visit(driver, reset)
    assert h1(driver) == "Ce lien ne peut plus servir"
    assert "déjà servi" in driver.find_element(By.CSS_SELECTOR, "div.alert-error").text
    screenshot(driver, "lien-deja-utilise")
    axe_check(driver, "lien-deja-utilise")
