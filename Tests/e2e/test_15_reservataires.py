"""Journey 15: the réservataires' reports — the EPCI administrator opens one from the menu, picks a
year, at 1280 px and 390 px; the Action Logement account sees only its own; axe on each page."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import DEMO_PASSWORD, fill, follow, h1, header, link, path_of, submit_with, visit


def sign_in(driver, email: str) -> None:
    visit(driver, "/connexion")
    fill(driver, "email", email)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")


def test_epci_reads_a_reservataires_report(driver, screenshot, axe_check):
    sign_in(driver, "epci@demo.logis.fr")
    follow(driver, link(driver, "Réservataires", header(driver)))
    assert h1(driver) == "Bilans des réservataires", h1(driver)
    names = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#contenu ul li a")]
    assert "Préfecture du Gard" in names and "Commune de Vauvert" in names, names
    axe_check(driver, "reservataires")
    follow(driver, link(driver, "Préfecture du Gard"))
    assert h1(driver).startswith("Préfecture du Gard : bilan"), h1(driver)
    captions = driver.find_elements(By.CSS_SELECTOR, "#contenu table caption")
    assert len(captions) == 2, "the flux and the obligations"
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
    assert any(row.startswith("SEMIGA") and "30 (dont 5 agents publics)" in row for row in rows), rows
    year = Select(driver.find_element(By.ID, "annee")).options[1].text
    Select(driver.find_element(By.ID, "annee")).select_by_visible_text(year)
    submit_with(driver, "Afficher")
    assert f"annee={year}" in driver.current_url and path_of(driver).startswith("/reservataires/")
    screenshot(driver, "reservataire-1280")
    axe_check(driver, "reservataire")
    driver.set_window_size(390, 844)
    driver.refresh()
    screenshot(driver, "reservataire-390")
    axe_check(driver, "reservataire-390")
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the report scrolls sideways at 390 px"


def test_action_logement_sees_only_its_own_report(driver, axe_check):
    sign_in(driver, "reservataire@demo.logis.fr")
    visit(driver, "/reservataires")
    names = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#contenu ul li a")]
    assert names == ["Action Logement Services"], names
    follow(driver, link(driver, "Action Logement Services"))
    assert h1(driver).startswith("Action Logement Services : bilan"), h1(driver)
    axe_check(driver, "reservataire-action-logement")


def test_epci_enters_a_flux_agreement(driver, screenshot, axe_check):
    """The EPCI administrator records the Commune de Vauvert's share of SEMIGA: a share that would
    take SEMIGA above 100 % is refused next to its field, then a valid one is saved."""
    sign_in(driver, "epci@demo.logis.fr")
    visit(driver, "/reservataires")
    follow(driver, link(driver, "Commune de Vauvert"))
    agreements = [a for a in driver.find_elements(By.CSS_SELECTOR, "#contenu a")
                  if a.text.startswith("Saisir les conventions de flux")]
    assert agreements, "the report links to its agreements"
    follow(driver, agreements[0])
    assert h1(driver).startswith("Conventions de flux"), h1(driver)
    label = next(l for l in driver.find_elements(By.TAG_NAME, "label") if l.text.startswith("SEMIGA"))
    field = label.get_attribute("for")
    fill(driver, field, "95")
    submit_with(driver, "Enregistrer les conventions " + h1(driver).split()[3])
    summary = driver.find_element(By.ID, "form-error")
    assert "dépasserait 100 %" in summary.text, summary.text
    assert driver.find_element(By.ID, field).get_attribute("aria-invalid") == "true"
    screenshot(driver, "conventions-erreur")
    axe_check(driver, "conventions-erreur")
    fill(driver, field, "7,5")
    submit_with(driver, "Enregistrer les conventions " + h1(driver).split()[3])
    assert "Les conventions sont enregistrées." in driver.find_element(By.ID, "contenu").text
    assert driver.find_element(By.ID, field).get_attribute("value") == "7,5"
    driver.set_window_size(390, 844)
    driver.refresh()
    axe_check(driver, "conventions-390")
