"""Journey 12 (issue 13): each person lands where their work is; a radiated request stays visible
to its applicant; the desk confirms a radiation before it happens; the footer of a public
service. Each page is checked with axe and for sideways scrolling at 1280 px and at 390 px."""

from __future__ import annotations

import random
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import (
    DEMO_PASSWORD,
    STRONG_PASSWORD,
    button,
    fill,
    follow,
    h1,
    header_text,
    link,
    path_of,
    sign_up_and_sign_in,
    submit_with,
    visit,
)
from test_07_guichet_journey import NEXT, REGISTER, applicant_step, enter_paper_request, field_errors

DESK = "enregistreur.libercourt@demo.logis.fr"

# Each demo role, where it lands, and how that page's title begins.
HOMES = {
    "demandeur": ("/mon-espace", "Mon espace"),
    "accueil": ("/guichet", "Guichet – "),
    "enregistreur": ("/guichet", "Guichet – "),
    "travailleur-social": ("/guichet", "Guichet – "),
    "bailleur": ("/attributions", "Logements et vacances – "),
    "caleol": ("/caleol", "Commission d’attribution"),
    "reservataire": ("/attributions", "Logements et vacances – "),
    "epci": ("/epci", "Espace EPCI – "),
    "admin": ("/guichet", "Guichet – "),
}

# The main public pages, captured at both widths under var/e2e/ (the issue's « Done when »).
PUBLIC_PAGES = {
    "/": "public-accueil",
    "/simulateur?year=2026&zone=autres-regions&persons=3&dependents=1&income=24000": "public-simulateur",
    "/guichets": "public-annuaire",
    "/territoires/petite-camargue": "public-territoire",
    "/api": "public-api",
    "/connexion": "public-connexion",
    "/inscription": "public-inscription",
    "/page-inexistante": "public-erreur",
}

FOOTER = {
    "Mentions légales": ("/mentions-legales", "Mentions légales"),
    "Accessibilité : partiellement conforme": ("/accessibilite", "Déclaration d’accessibilité"),
    "Données personnelles": ("/confidentialite", "Données personnelles et confidentialité"),
    "Plan du site": ("/plan-du-site", "Plan du site"),
}


def sideways_overflow(driver) -> int:
    return driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")


def check_widths(driver, screenshot, axe_check, name: str) -> None:
    """axe and no sideways scrolling on the current (GET) page, at 1280 px then at 390 px."""
    for width, suffix in ((1280, ""), (390, "-390")):
        driver.set_window_size(width, 900)
        driver.refresh()
        screenshot(driver, name + suffix)
        axe_check(driver, name + suffix)
        assert sideways_overflow(driver) <= 0, f"{name}{suffix} scrolls sideways"
    driver.set_window_size(1280, 900)


def sign_in(driver, email: str, password: str = DEMO_PASSWORD) -> None:
    visit(driver, "/connexion")
    fill(driver, "email", email)
    fill(driver, "password", password)
    submit_with(driver, "Se connecter")
    assert "Se déconnecter" in header_text(driver), f"sign-in of {email} failed: {field_errors(driver)}"


def sign_out(driver) -> None:
    submit_with(driver, "Se déconnecter")
    assert "Se connecter" in header_text(driver)


def test_each_demo_role_lands_on_its_home(driver, screenshot, axe_check):
    for role, (home, title) in HOMES.items():
        sign_in(driver, f"{role}@demo.logis.fr")
        assert path_of(driver) == home, f"{role} landed on {path_of(driver)}"
        assert h1(driver).startswith(title), f"{role}: {h1(driver)}"
        check_widths(driver, screenshot, axe_check, f"accueil-{role}")

        # The home page sends a signed-in person to their work, never to a new account.
        visit(driver, "/")
        main = driver.find_element(By.ID, "contenu")
        assert "Créer mon compte" not in main.text, role
        assert not main.find_elements(By.CSS_SELECTOR, "a[href='/inscription']"), role
        way = main.find_element(By.CSS_SELECTOR, ".hero a.button")
        assert way.get_attribute("pathname") == home, f"{role}: {way.get_attribute('pathname')}"
        assert way.text.startswith("Accéder"), way.text
        sign_out(driver)
    visit(driver, "/")
    assert driver.find_element(By.ID, "contenu").find_element(By.LINK_TEXT, "Créer mon compte")


def test_a_radiated_request_stays_visible_to_its_applicant(driver, screenshot, axe_check):
    email = f"e2e-radiee-{uuid.uuid4().hex[:12]}@exemple.fr"
    # A surname of its own, so that no earlier run's request is a possible duplicate.
    surname = "Ra" + "".join(random.choice("bdlmnrstv") + random.choice("aeiou") for _ in range(4))
    sign_up_and_sign_in(driver, f"Romane {surname}", email, STRONG_PASSWORD)
    sign_out(driver)

    # The desk registers the paper request and gives the person a code to follow it online.
    sign_in(driver, DESK)
    assert path_of(driver) == "/guichet"
    request_id = enter_paper_request(
        driver, screenshot, axe_check, applicant_step(surname, "Romane", email), "120", check_step=False)
    submit_with(driver, REGISTER)
    assert path_of(driver) == f"/guichet/demandes/{request_id}?message=enregistree", field_errors(driver)
    nud = driver.find_element(By.CSS_SELECTOR, "h1 .nud").text.strip()
    submit_with(driver, "Code de rattachement")
    claim_code = driver.find_element(By.ID, "claim-code").text.strip()
    sign_out(driver)

    sign_in(driver, email, STRONG_PASSWORD)
    assert path_of(driver) == "/mon-espace"
    visit(driver, "/mon-espace/rattacher")
    fill(driver, "nud", nud)
    fill(driver, "code", claim_code)
    submit_with(driver, "Rattacher")
    assert path_of(driver) == "/mon-espace?message=rattachee", field_errors(driver)
    sign_out(driver)

    # A step sent empty: the error summary takes the focus and links to each field, in the page's order.
    sign_in(driver, DESK)
    follow(driver, button(driver, "Saisir une demande papier"))
    submit_with(driver, NEXT)
    summary = driver.find_element(By.ID, "form-error")
    assert driver.switch_to.active_element == summary, "the summary takes the focus"
    targets = [a.get_attribute("hash") for a in summary.find_elements(By.TAG_NAME, "a")]
    assert targets[:3] == ["#lastName", "#firstName", "#birthDate"], targets
    follow_in_page = summary.find_element(By.CSS_SELECTOR, "a[href='#firstName']")
    follow_in_page.click()
    assert driver.switch_to.active_element.get_attribute("id") == "firstName"
    # The phone field looks like the others.
    style = "return getComputedStyle(document.getElementById(arguments[0])).borderTopWidth"
    assert driver.execute_script(style, "phone") == driver.execute_script(style, "email")
    assert h1(driver) == "Le demandeur", h1(driver)

    # The desk radiates: without the box, nothing happens and the page says what to tick.
    visit(driver, "/guichet")
    visit(driver, f"/guichet/demandes/{request_id}")
    check_widths(driver, screenshot, axe_check, "dossier-avant-radiation")
    effect = driver.find_element(By.ID, "effect-radiation").text
    assert "Seul un administrateur peut annuler une radiation, dans les 30 jours" in effect, effect

    def fill_radiation() -> None:
        Select(driver.find_element(By.ID, "motif")).select_by_value("irrecevabilite")
        fill(driver, "radiation-comment", "Ressources au-dessus des plafonds.")

    fill_radiation()
    submit_with(driver, "Radier")
    alert = driver.find_element(By.CSS_SELECTOR, "div.alert-error[role=alert]")
    assert "Je confirme la radiation" in alert.text, alert.text
    assert driver.find_element(By.ID, "statut").text.startswith("Enregistrée")
    screenshot(driver, "radiation-non-confirmee")
    axe_check(driver, "radiation-non-confirmee")

    fill_radiation()
    box = driver.find_element(By.ID, "confirm-radiation")
    assert box.size["width"] >= 24 and box.size["height"] >= 24, box.size
    box.click()
    submit_with(driver, "Radier")
    assert path_of(driver) == f"/guichet/demandes/{request_id}?message=radiee", field_errors(driver)
    assert driver.find_element(By.ID, "statut").text.startswith("Radiée")
    sign_out(driver)

    # The applicant still sees the request: NUD, status, motif, history, the 30-day rule.
    sign_in(driver, email, STRONG_PASSWORD)
    assert path_of(driver) == "/mon-espace"
    assert driver.find_element(By.ID, "nud").text.strip() == nud
    assert driver.find_element(By.ID, "statut").text.strip() == "Radiée"
    assert driver.find_element(By.ID, "motif").text.strip() == "Irrecevabilité"
    main = driver.find_element(By.ID, "contenu").text
    assert "Une radiation peut être annulée dans les 30 jours par un administrateur." in main, main
    assert "pas de demande de logement social en cours" not in main
    timeline = driver.find_element(By.CSS_SELECTOR, "ol.timeline").text
    assert "Demande radiée : Irrecevabilité." in timeline, timeline
    assert "Ressources au-dessus des plafonds." in timeline, timeline
    assert link(driver, "Télécharger mon attestation d’enregistrement (PDF)")
    assert not driver.find_elements(By.CSS_SELECTOR, "a[href='/mon-espace/pieces']"), "no upload on a closed request"
    assert not driver.find_elements(By.CSS_SELECTOR, "a[href='/mon-espace/abandonner']")
    check_widths(driver, screenshot, axe_check, "mon-espace-demande-radiee")


def test_the_main_public_pages_at_both_widths(driver, screenshot, axe_check):
    for path, name in PUBLIC_PAGES.items():
        visit(driver, path)
        check_widths(driver, screenshot, axe_check, name)

    # Words a person reads: the tax year as a year, the table's source without notes for developers.
    visit(driver, "/simulateur?year=2026&zone=idf")
    main = driver.find_element(By.ID, "contenu").text
    assert "Revenu fiscal de référence 2024" in main, main
    for note in ("N-2", "jamais estimés", "OpenFisca", "openfisca_france"):
        assert note not in main, note
    driver.set_window_size(390, 900)
    region = driver.find_element(By.CSS_SELECTOR, "[role=region][aria-labelledby=legende-plafonds]")
    assert region.get_attribute("tabindex") == "0"
    driver.set_window_size(1280, 900)
    visit(driver, "/territoires/petite-camargue")
    assert "Gard (30)" in driver.find_element(By.ID, "contenu").text
    visit(driver, "/page-inexistante")
    assert "not_found" not in driver.page_source and "Code :" not in driver.page_source


def test_the_footer_pages_of_a_public_service(driver, screenshot, axe_check):
    for label, (path, title) in FOOTER.items():
        visit(driver, "/")
        footer = driver.find_element(By.TAG_NAME, "footer")
        follow(driver, link(driver, label, footer))
        assert path_of(driver) == path, f"{label} led to {path_of(driver)}"
        assert h1(driver) == title, h1(driver)
        check_widths(driver, screenshot, axe_check, f"pied-de-page{path.replace('/', '-')}")
    visit(driver, "/accessibilite")
    assert "Logis est partiellement conforme au RGAA 4.1" in driver.find_element(By.ID, "contenu").text
    visit(driver, "/mentions-legales")
    assert "À compléter par l’exploitant" in driver.find_element(By.ID, "contenu").text

    # The site map lists the signed-in person's own pages, and each of its links answers.
    sign_in(driver, "bailleur@demo.logis.fr")
    visit(driver, "/plan-du-site")
    mine = driver.find_element(By.ID, "titre-mes-pages").find_element(By.XPATH, "..")
    targets = [a.get_attribute("pathname") for a in mine.find_elements(By.TAG_NAME, "a")]
    assert "/attributions" in targets and "/caleol" in targets, targets
    for target in targets:
        visit(driver, target)
        assert "Erreur" not in driver.title and "refus" not in driver.title.lower(), f"{target}: {driver.title}"
        assert path_of(driver) == target, f"{target} led to {path_of(driver)}"
