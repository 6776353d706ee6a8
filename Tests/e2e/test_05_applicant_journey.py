"""Journey 5: an applicant's whole path, in one browser session.

Sign-up → eligibility simulator → the nine-step request wizard (with one validation error on
the way) → filing (NUD) → registration certificate (PDF, read back with pdftotext) → upload of
a piece (and refusal of an HTML file disguised as a PDF) → cotation → renewal, not offered on a
fresh request, then done by the demo applicant whose request is ten months old.

One test on purpose: every step depends on the state left by the previous one (same account,
same cookies). The failure message and the FAIL-… screenshot tell which step broke.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.request
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import SHOT_DIR
from support import (
    DEMO_PASSWORD,
    STRONG_PASSWORD,
    sign_up_and_sign_in,
    TIMEOUT,
    click_and_wait,
    fill,
    follow,
    h1,
    header_text,
    link,
    path_of,
    submit_with,
    visit,
)

DEMO_APPLICANT = "demandeur@demo.logis.fr"
NEXT = "Enregistrer et continuer"
FIRST_PIECE = "piece_identite@0"

# Each step of the wizard: its slug, then the fields to set (id → value; True ticks a checkbox).
WIZARD = [
    ("demandeur", {
        "lastName": "Martin", "firstName": "Léa", "birthDate": "1990-04-12", "nationality": "fr",
        "maritalStatus": "marie", "street": "3 rue des Arènes", "postalCode": "30600", "city": "Vauvert",
    }),
    ("co-demandeur", {
        "present": True, "lastName": "Martin", "firstName": "Hugo", "birthDate": "1988-09-30",
        "nationality": "fr", "relationship": "conjoint",
    }),
    ("personnes", {
        "p1_firstName": "Jade", "p1_birthDate": "2016-02-01", "p1_relationship": "enfant",
        "p2_firstName": "Noé", "p2_birthDate": "2019-07-15", "p2_relationship": "enfant",
    }),
    ("situation-professionnelle", {"applicantSituation": "cdi", "coApplicantSituation": "interim"}),
    # A comma, as people type cents on a phone: kept as 1 451 € (nearest euro, half up).
    ("ressources", {"applicantMonthlyIncome": "1450,50", "coApplicantMonthlyIncome": "900", "taxIncomeN2": "26500"}),
    ("logement-actuel", {"status": "locataire_prive", "monthlyRent": "780", "surface": "48"}),
    ("motifs", {"motif1": "logement_trop_petit"}),
    ("logement-recherche", {"typology_T3": True, "typology_T4": True, "commune1": "30341"}),
    ("handicap-dalo", {"disabledPersons": "0"}),
]

MINIMAL_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
xref
0 4
0000000000 65535 f 
0000000009 00000 n 
0000000058 00000 n 
0000000115 00000 n 
trailer << /Size 4 /Root 1 0 R >>
startxref
186
%%EOF
"""


# --------------------------------------------------------------------------------------
# Helpers


def by_id(driver, element_id: str):
    """The element with this id; an attribute selector, so ids with `@` work too."""
    return driver.find_element(By.CSS_SELECTOR, f'[id="{element_id}"]')


def set_field(driver, field_id: str, value) -> None:
    """Sets a text, date, select or checkbox field the way its type needs."""
    element = by_id(driver, field_id)
    kind = (element.get_attribute("type") or "").lower()
    if element.tag_name == "select":
        Select(element).select_by_value(value)
    elif kind == "checkbox":
        if element.is_selected() != bool(value):
            driver.execute_script("arguments[0].click()", element)
    elif kind == "date":
        # Typing into a date input depends on the browser's locale; the value is ISO in any case.
        driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            element, value,
        )
    else:
        element.clear()
        element.send_keys(value)
    if kind == "checkbox":
        assert element.is_selected() == bool(value), f"#{field_id} should be {'checked' if value else 'unchecked'}"
    else:
        assert element.get_attribute("value") == value, f"#{field_id} holds {element.get_attribute('value')!r}, not {value!r}"


def main_text(driver) -> str:
    return driver.find_element(By.ID, "contenu").text


def browser_cookie_header(driver) -> str:
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


# --------------------------------------------------------------------------------------
# The journey


def test_applicant_journey(driver, screenshot, axe_check, tmp_path):
    sign_up(driver, screenshot, axe_check)
    simulate(driver, screenshot, axe_check)
    fill_wizard(driver, screenshot, axe_check)
    upload_identity_pieces(driver, screenshot, axe_check, tmp_path)
    nud = file_request(driver, screenshot, axe_check)
    check_certificate(driver, nud, tmp_path)
    upload_pieces(driver, screenshot, axe_check, tmp_path)
    check_cotation(driver, screenshot, axe_check)
    renew(driver, screenshot, axe_check)


def sign_up(driver, screenshot, axe_check) -> None:
    email = f"e2e-demandeur-{uuid.uuid4().hex[:12]}@exemple.fr"
    sign_up_and_sign_in(driver, "Léa Martin", email, STRONG_PASSWORD)
    screenshot(driver, "parcours-compte-cree")
    visit(driver, "/compte")
    assert email in main_text(driver)
    assert "Se déconnecter" in header_text(driver)


def simulate(driver, screenshot, axe_check) -> None:
    visit(driver, "/simulateur")
    assert h1(driver) == "Simulateur d’éligibilité"
    screenshot(driver, "simulateur")
    axe_check(driver, "simulateur")

    year = Select(by_id(driver, "year"))
    assert year.options, "the year select has no option"
    year.select_by_value(year.first_selected_option.get_attribute("value"))
    set_field(driver, "zone", "autres-regions")
    set_field(driver, "persons", "4")
    set_field(driver, "dependents", "2")
    set_field(driver, "income", "26500")
    submit_with(driver, "Calculer")
    screenshot(driver, "simulateur-resultat")

    assert path_of(driver).startswith("/simulateur?")
    result = by_id(driver, "resultat").text
    assert "Catégorie de ménage : 4" in result, result
    assert "T3, T4" in result, result
    ceilings = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='titre-plafonds'] table tbody tr")
    assert len(ceilings) >= 1, "the table of ceilings is missing"
    assert not driver.find_elements(By.ID, "simulator-error")
    axe_check(driver, "simulateur-resultat")


def fill_wizard(driver, screenshot, axe_check) -> None:
    visit(driver, "/demande")
    assert h1(driver) == "Faire une demande de logement social"
    axe_check(driver, "demande-debut")
    submit_with(driver, "Commencer ma demande")
    assert path_of(driver) == "/demande/etape/demandeur", f"/demande led to {path_of(driver)}"

    for number, (slug, fields) in enumerate(WIZARD, start=1):
        assert path_of(driver) == f"/demande/etape/{slug}", f"expected step {slug}, got {path_of(driver)}"
        assert driver.find_element(By.CSS_SELECTOR, "p.step-count").text.strip() == f"Étape {number} sur {len(WIZARD)}"
        current = driver.find_element(By.CSS_SELECTOR, "nav.step-nav li[aria-current='step']")
        assert current.text.strip() == h1(driver)
        axe_check(driver, f"demande-{slug}")

        if slug == "ressources":
            check_validation_error(driver, screenshot, axe_check, fields)

        for field_id, value in fields.items():
            set_field(driver, field_id, value)
        screenshot(driver, f"demande-{slug}")
        submit_with(driver, NEXT)
        errors = driver.find_elements(By.CSS_SELECTOR, "p.field-error, #form-error")
        assert not errors, f"step {slug} refused: " + " | ".join(e.text for e in errors)

    assert path_of(driver) == "/demande/recapitulatif", f"the wizard ended on {path_of(driver)}"
    assert h1(driver) == "Récapitulatif de votre demande"
    summary = main_text(driver)
    for expected in ("Martin", "Léa", "Hugo", "Jade", "Noé", "3 rue des Arènes", "Vauvert"):
        assert expected in summary, f"{expected!r} missing from the summary"
    assert "26500" in re.sub(r"[\s\u00a0\u202f]", "", summary), "the tax income is missing from the summary"
    assert "Vosrevenusmensuels1451€" in re.sub(r"[\s\u00a0\u202f]", "", summary), "1450,50 is kept as 1 451 €"
    assert not driver.find_elements(By.CSS_SELECTOR, "div.alert-error"), "the summary still lists missing steps"
    screenshot(driver, "demande-recapitulatif")
    axe_check(driver, "demande-recapitulatif")


def check_validation_error(driver, screenshot, axe_check, fields) -> None:
    """On the resources step: a non-numeric tax income comes back with a field error."""
    for field_id, value in fields.items():
        set_field(driver, field_id, "abc" if field_id == "taxIncomeN2" else value)
    submit_with(driver, NEXT)
    screenshot(driver, "demande-ressources-erreur")

    assert path_of(driver) == "/demande/etape/ressources", f"an invalid income led to {path_of(driver)}"
    field = by_id(driver, "taxIncomeN2")
    error = by_id(driver, "err-taxIncomeN2")
    assert error.tag_name == "p" and "field-error" in error.get_attribute("class").split()
    assert error.text == "Indiquez un nombre (exemple : 980,50).", error.text
    assert field.get_attribute("aria-invalid") == "true"
    assert "err-taxIncomeN2" in (field.get_attribute("aria-describedby") or "").split()
    assert field.get_attribute("value") == "abc", "the typed value should come back"
    # The other answers are kept.
    assert by_id(driver, "applicantMonthlyIncome").get_attribute("value") == fields["applicantMonthlyIncome"]
    summary = by_id(driver, "form-error")
    assert summary.get_attribute("role") == "alert" and "Indiquez un nombre" in summary.text
    axe_check(driver, "demande-ressources-erreur")


def upload_identity_pieces(driver, screenshot, axe_check, tmp_path) -> None:
    """DOMAIN.md §5: the NUD waits for each adult's identity piece; the refusal is the pieces page."""
    submit_with(driver, "Déposer ma demande")
    screenshot(driver, "depot-sans-pieces")
    error = by_id(driver, "form-error")
    assert "pièce d’identité de Léa" in error.text and "pièce d’identité de Hugo" in error.text, error.text
    assert h1(driver) == "Mes pièces justificatives"
    axe_check(driver, "depot-sans-pieces")
    pdf = tmp_path / "identite.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    for piece in ("piece_identite@0", "piece_identite@1"):
        form = next(
            form for form in driver.find_elements(By.CSS_SELECTOR, "form[data-upload]")
            if form.find_element(By.CSS_SELECTOR, "input[name='piece']").get_attribute("value") == piece
        )
        form.find_element(By.CSS_SELECTOR, f'input[id="file-{piece}"]').send_keys(str(pdf))
        click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        assert "Votre pièce a bien été déposée" in driver.find_element(By.CSS_SELECTOR, "div.alert-notice").text
    follow(driver, link(driver, "Revenir au récapitulatif pour déposer ma demande"))
    assert path_of(driver) == "/demande/recapitulatif", path_of(driver)


def file_request(driver, screenshot, axe_check) -> str:
    submit_with(driver, "Déposer ma demande")
    screenshot(driver, "mon-espace-demande-enregistree")

    assert path_of(driver) == "/mon-espace?message=enregistree", f"filing led to {path_of(driver)}"
    assert h1(driver) == "Mon espace"
    nud = by_id(driver, "nud").text.strip()
    assert len(nud) == 18 and nud.startswith("030") and nud.endswith("GDPUB"), f"unexpected NUD {nud!r}"
    assert re.fullmatch(r"\d{13}GDPUB", nud), nud
    assert driver.find_elements(By.CSS_SELECTOR, "div.alert-notice[role='status']"), "no confirmation message"
    axe_check(driver, "mon-espace")
    return nud


def check_certificate(driver, nud: str, tmp_path) -> None:
    anchor = link(driver, "Télécharger mon attestation d’enregistrement (PDF)")
    href = anchor.get_attribute("href")
    assert href == driver.base_url + "/mon-espace/attestation.pdf", href

    cookies = browser_cookie_header(driver)
    assert "logis_session=" in cookies, f"no session cookie in the browser: {cookies}"
    request = urllib.request.Request(href, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "application/pdf", response.headers.get("Content-Type")
        body = response.read()
    assert body.startswith(b"%PDF-"), body[:20]
    target = SHOT_DIR / "attestation.pdf"
    target.write_bytes(body)

    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed to read the certificate"
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(target), "-"], check=True, capture_output=True, timeout=30
    ).stdout.decode("utf-8")
    assert nud in text, f"the NUD {nud} is not in the certificate:\n{text}"
    assert "Vauvert" in text, f"Vauvert is not in the certificate:\n{text}"


def upload_pieces(driver, screenshot, axe_check, tmp_path) -> None:
    follow(driver, link(driver, "Mes pièces justificatives"))
    assert path_of(driver) == "/mon-espace/pieces"
    assert h1(driver) == "Mes pièces justificatives"
    screenshot(driver, "pieces")
    axe_check(driver, "pieces")

    first = driver.find_element(By.CSS_SELECTOR, "form[data-upload]")
    assert first.find_element(By.CSS_SELECTOR, "input[name='piece']").get_attribute("value") == FIRST_PIECE
    pdf = tmp_path / "carte-identite.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    first.find_element(By.CSS_SELECTOR, f'input[id="file-{FIRST_PIECE}"]').send_keys(str(pdf))
    # "Envoyer : …": upload.js posts the file (showing a <progress>), then loads the answer page.
    click_and_wait(driver, first.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    screenshot(driver, "pieces-deposee")

    assert path_of(driver).startswith("/mon-espace/pieces"), path_of(driver)
    # Back on the row of the piece just sent, not at the top of the list.
    assert driver.current_url.endswith(f"#piece-{FIRST_PIECE}"), driver.current_url
    notice = driver.find_element(By.CSS_SELECTOR, "div.alert-notice")
    assert "Votre pièce a bien été déposée" in notice.text, notice.text
    card = by_id(driver, f"piece-{FIRST_PIECE}")
    assert "Votre fichier est bien arrivé" in card.text, card.text
    assert card.find_element(By.CSS_SELECTOR, "p.badge").text.strip() == "En attente de vérification"
    # The identity piece was given before the NUD: this file is its second side, added, not replacing.
    files = [li.text for li in card.find_elements(By.CSS_SELECTOR, "ul.piece-files > li")]
    assert [f.split(" ·")[0] for f in files] == ["Fichier 1", "Fichier 2"], files
    assert "Ajouter un fichier à cette pièce" in card.text, card.text
    axe_check(driver, "pieces-deposee")

    # An HTML page renamed .pdf, for a piece not yet given (the identity pieces came before the NUD):
    # refused by its content, not its name.
    other = next(
        form for form in driver.find_elements(By.CSS_SELECTOR, "form[data-upload]")
        if not form.find_element(By.CSS_SELECTOR, "input[name='piece']").get_attribute("value").startswith(
            "piece_identite")
    )
    other_piece = other.find_element(By.CSS_SELECTOR, "input[name='piece']").get_attribute("value")
    fake = tmp_path / "faux.pdf"
    fake.write_bytes(b"<!doctype html><html><body><p>Pas un PDF</p></body></html>\n")
    other.find_element(By.CSS_SELECTOR, f'input[id="file-{other_piece}"]').send_keys(str(fake))
    other.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def refusal_shown(d):
        status = d.find_elements(By.CSS_SELECTOR, f'li[id="piece-{other_piece}"] .upload-status')
        alerts = d.find_elements(By.CSS_SELECTOR, "div.alert-error")
        texts = [e.text for e in status + alerts]
        return next((t for t in texts if "ni un PDF, ni une image" in t), False)

    message = WebDriverWait(driver, TIMEOUT).until(refusal_shown)
    screenshot(driver, "pieces-fichier-refuse")
    assert "ni un PDF, ni une image" in message
    badge = by_id(driver, f"piece-{other_piece}").find_element(By.CSS_SELECTOR, "p.badge").text.strip()
    assert badge != "En attente de vérification", f"the refused file was recorded for {other_piece}: {badge}"
    axe_check(driver, "pieces-fichier-refuse")


def check_cotation(driver, screenshot, axe_check) -> None:
    visit(driver, "/mon-espace/cotation")
    screenshot(driver, "cotation")
    assert h1(driver) == "Ma cotation"
    total = by_id(driver, "score-total").text.strip()
    assert re.fullmatch(r"-?\d+", total), f"score {total!r}"
    rows = driver.find_elements(By.CSS_SELECTOR, "#cotation-detail tbody tr")
    assert len(rows) >= 1, "the cotation detail has no row"
    assert " sur " in f" {by_id(driver, 'position').text} ", by_id(driver, "position").text
    axe_check(driver, "cotation")


RENEW_CONTROL = "//*[self::a or self::button][normalize-space()='Renouveler ma demande']"


def renew(driver, screenshot, axe_check) -> None:
    visit(driver, "/mon-espace")
    assert driver.find_elements(By.ID, "nud")
    assert not driver.find_elements(By.XPATH, RENEW_CONTROL), "a request filed today must not be renewable yet"

    submit_with(driver, "Se déconnecter")
    assert "Se connecter" in header_text(driver)
    visit(driver, "/connexion")
    fill(driver, "email", DEMO_APPLICANT)
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")
    assert path_of(driver) == "/mon-espace", f"the demo applicant's sign-in led to {path_of(driver)}"

    visit(driver, "/mon-espace")
    screenshot(driver, "mon-espace-demandeur-demo")
    # The refused piece and its comment come first, above the request's card.
    refused = by_id(driver, "pieces-refusees")
    assert "merci de déposer la dernière reçue" in refused.text, refused.text
    assert refused.location["y"] < by_id(driver, "titre-statut").location["y"], "the refused piece is not first"
    refused.find_element(By.CSS_SELECTOR, "a[href='/mon-espace/pieces#piece-quittance_loyer']")
    timeline = driver.find_element(By.CSS_SELECTOR, "ol.timeline")
    assert "Pièce refusée" in timeline.text, timeline.text
    assert "merci de déposer la dernière reçue" in timeline.text, timeline.text
    assert "Demande renouvelée" not in timeline.text
    axe_check(driver, "mon-espace-demandeur-demo")

    # Never one click: a review of the request, then a confirmation.
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Renouveler ma demande"))
    assert path_of(driver) == "/mon-espace/renouveler", path_of(driver)
    assert driver.find_elements(By.PARTIAL_LINK_TEXT, "Modifier"), "each section of the review can be corrected"
    screenshot(driver, "renouvellement-verification")
    axe_check(driver, "renouvellement-verification")
    submit_with(driver, "Renouveler ma demande")
    assert "cochez la case" in driver.find_element(By.CSS_SELECTOR, "main").text, "renewed without the confirmation"
    driver.find_element(By.ID, "confirm").click()
    submit_with(driver, "Renouveler ma demande")
    screenshot(driver, "mon-espace-demande-renouvelee")
    notice = driver.find_element(By.CSS_SELECTOR, "div.alert-notice")
    assert "Votre demande a bien été renouvelée." in notice.text, notice.text
    timeline = driver.find_element(By.CSS_SELECTOR, "ol.timeline")
    assert "Demande renouvelée" in timeline.text, timeline.text
    assert not driver.find_elements(By.XPATH, RENEW_CONTROL), "once renewed, the request must not be renewable again"
    axe_check(driver, "mon-espace-demande-renouvelee")
