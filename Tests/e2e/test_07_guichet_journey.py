"""Journey 7: a Libercourt desk agent enters a paper request, meets its duplicate, checks pieces.

An applicant first creates an account with an e-mail; the desk agent then types a paper Cerfa
with that e-mail (the request joins the account), gets the NUD, starts a second entry for the
same person typed differently, is warned of the duplicate and links it to the first file, then
deposits two scanned pieces, validates one and refuses the other. The applicant finally sees the
refusal reason and comment, the validated badge and the timeline line in their espace personnel.
"""

from __future__ import annotations

import re
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from support import (
    click_and_wait,
    DEMO_PASSWORD,
    STRONG_PASSWORD,
    sign_up_and_sign_in,
    TIMEOUT,
    button,
    fill,
    follow,
    h1,
    header,
    header_text,
    link,
    path_of,
    submit_with,
    visit,
)

AGENT = "enregistreur.libercourt@demo.logis.fr"
UUID_RE = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
ENTRY_STEP = re.compile(rf"^/guichet/demandes/({UUID_RE})/saisie/etape/([a-z-]+)$")
ENTRY_SUMMARY = re.compile(rf"^/guichet/demandes/({UUID_RE})/saisie/recapitulatif$")
NEXT = "Enregistrer et continuer"
REGISTER = "Enregistrer et délivrer le numéro unique"
REFUSAL_COMMENT = "Document trop ancien : merci d’en fournir un de moins de 3 mois."
MINIMAL_PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


# --------------------------------------------------------------------------------------
# Helpers local to this journey


def button_starting(scope, prefix: str):
    """The <button> whose whole text (visually hidden parts included) starts with `prefix`."""
    return scope.find_element(By.XPATH, f".//button[starts-with(normalize-space(), '{prefix}')]")


def set_date(driver, field_id: str, iso_date: str) -> None:
    """<input type=date>: typing depends on the browser's locale, so the value is set directly."""
    element = driver.find_element(By.ID, field_id)
    driver.execute_script("arguments[0].value = arguments[1];", element, iso_date)
    assert element.get_attribute("value") == iso_date


def choose(driver, field_id: str, value: str) -> None:
    Select(driver.find_element(By.ID, field_id)).select_by_value(value)


def check(driver, field_id: str) -> None:
    box = driver.find_element(By.ID, field_id)
    if not box.is_selected():
        box.click()
    assert box.is_selected()


def field_errors(driver) -> list[str]:
    return [e.text.strip() for e in driver.find_elements(By.CSS_SELECTOR, ".field-error, div.alert-error")]


def sign_in(driver, email: str, password: str) -> None:
    visit(driver, "/connexion")
    fill(driver, "email", email)
    fill(driver, "password", password)
    submit_with(driver, "Se connecter")
    assert "Se déconnecter" in header_text(driver), f"sign-in of {email} failed: {field_errors(driver)}"


def sign_out(driver) -> None:
    submit_with(driver, "Se déconnecter")
    assert "Se connecter" in header_text(driver)


def applicant_step(last_name: str, first_name: str, email: str):
    def fill_step(driver):
        fill(driver, "lastName", last_name)
        fill(driver, "firstName", first_name)
        set_date(driver, "birthDate", "1985-06-02")
        choose(driver, "nationality", "fr")
        choose(driver, "maritalStatus", "celibataire")
        fill(driver, "street", "5 rue Jean Jaurès")
        fill(driver, "postalCode", "62820")
        fill(driver, "city", "Libercourt")
        driver.find_element(By.ID, "email").clear()
        if email:
            fill(driver, "email", email)

    return fill_step


def _co_applicant(driver):
    assert not driver.find_element(By.ID, "present").is_selected()


def _persons(driver):
    fill(driver, "p1_firstName", "Léo")
    set_date(driver, "p1_birthDate", "2014-03-03")
    choose(driver, "p1_relationship", "enfant")


def _work(driver):
    choose(driver, "applicantSituation", "cdd")


def _resources(driver):
    fill(driver, "applicantMonthlyIncome", "1300")
    fill(driver, "taxIncomeN2", "15000")


def _current_housing(driver):
    choose(driver, "status", "heberge")


def _reasons(driver):
    choose(driver, "motif1", "sans_logement")


def _wanted_housing(driver):
    check(driver, "typology_T2")
    check(driver, "typology_T3")
    choose(driver, "commune1", "62907")  # Libercourt


def _disability_dalo(driver):
    pass


OTHER_STEPS = {
    "co-demandeur": _co_applicant,
    "personnes": _persons,
    "situation-professionnelle": _work,
    "ressources": _resources,
    "logement-actuel": _current_housing,
    "motifs": _reasons,
    "logement-recherche": _wanted_housing,
    "handicap-dalo": _disability_dalo,
}


def early_duplicates(driver, screenshot, axe_check, shot_prefix: str) -> None:
    """Issue 13 §3: right after the identity step, the existing request, before eight more steps."""
    assert h1(driver) == "Cette personne a peut-être déjà une demande", h1(driver)
    cards = driver.find_elements(By.CSS_SELECTOR, "section.duplicates .side-by-side > .card")
    assert len(cards) == 2, [card.text for card in cards]
    assert button_starting(cards[1], "C’est la même personne")
    screenshot(driver, f"{shot_prefix}-saisie-doublon-des-l-identite")
    axe_check(driver, "guichet-saisie-doublons")
    follow(driver, link(driver, "Personne différente : continuer la saisie"))


def enter_paper_request(
    driver, screenshot, axe_check, fill_applicant, shot_prefix: str, check_step: bool, duplicate: bool = False
) -> str:
    """From /guichet: starts a paper entry and fills every step; returns the draft's id on its summary.
    With `duplicate`, the early duplicate page must come after the identity step; the agent goes on."""
    follow(driver, button(driver, "Saisir une demande papier"))
    match = ENTRY_STEP.match(path_of(driver))
    assert match and match.group(2) == "demandeur", path_of(driver)
    request_id = match.group(1)
    if check_step:
        screenshot(driver, f"{shot_prefix}-saisie-demandeur")
        axe_check(driver, "guichet-saisie-etape")

    steps = {"demandeur": fill_applicant, **OTHER_STEPS}
    done: list[str] = []
    seen_duplicates = False
    while True:
        if path_of(driver).endswith(f"/{request_id}/saisie/doublons"):
            assert duplicate and not seen_duplicates, "unexpected duplicate page"
            early_duplicates(driver, screenshot, axe_check, shot_prefix)
            seen_duplicates = True
        match = ENTRY_STEP.match(path_of(driver))
        if not match:
            break
        assert match.group(1) == request_id
        slug = match.group(2)
        assert slug in steps, f"unexpected entry step {slug!r}"
        assert slug not in done, f"step {slug!r} came back: {field_errors(driver)}"
        steps[slug](driver)
        submit_with(driver, NEXT)
        done.append(slug)
    assert len(done) == 9, f"steps filled: {done}"
    assert seen_duplicates == duplicate, "the early duplicate page was expected" if duplicate else ""
    match = ENTRY_SUMMARY.match(path_of(driver))
    assert match and match.group(1) == request_id, path_of(driver)
    assert not driver.find_elements(By.CSS_SELECTOR, "div.alert-error"), field_errors(driver)
    return request_id


def piece_card(driver, label: str):
    """The piece card (<li>) of the file page whose heading is `label`."""
    cards = [c for c in driver.find_elements(By.CSS_SELECTOR, "ul.pieces > li.piece")
             if c.find_element(By.TAG_NAME, "h3").text.strip() == label]
    assert len(cards) == 1, f"{len(cards)} piece cards titled {label!r}"
    return cards[0]


# --------------------------------------------------------------------------------------
# The journey


def test_guichet_paper_entry_duplicate_and_pieces(driver, screenshot, axe_check, tmp_path):
    email = f"e2e-papier-{uuid.uuid4().hex[:12]}@exemple.fr"

    # 0. The person already has an applicant account with that e-mail (no request yet).
    sign_up_and_sign_in(driver, "Élise Lefèvre-Dupont", email, STRONG_PASSWORD)
    screenshot(driver, "70-compte-demandeur-papier")
    sign_out(driver)

    # 1. The Libercourt desk agent signs in and opens the guichet.
    sign_in(driver, AGENT, DEMO_PASSWORD)
    follow(driver, link(driver, "Guichet", header(driver)))
    assert path_of(driver) == "/guichet"
    assert h1(driver).startswith("Guichet – Libercourt"), h1(driver)
    counters = driver.find_element(By.CSS_SELECTOR, "ul.counters")
    assert counters.find_elements(By.TAG_NAME, "li"), "no work queue counter"
    screenshot(driver, "71-guichet-libercourt")
    axe_check(driver, "guichet-accueil")

    # 2. A paper request with the applicant's e-mail: nine steps, summary, NUD.
    first_id = enter_paper_request(
        driver, screenshot, axe_check, applicant_step("Lefèvre-Dupont", "Élise", email), "72", check_step=True)
    assert not driver.find_elements(By.CSS_SELECTOR, "section.duplicates")
    screenshot(driver, "73-saisie-recapitulatif")
    submit_with(driver, REGISTER)
    assert path_of(driver) == f"/guichet/demandes/{first_id}?message=enregistree", field_errors(driver)
    nud = driver.find_element(By.CSS_SELECTOR, "h1 .nud").text.strip()
    assert nud.startswith("062") and nud.endswith("LIBPH"), nud
    assert "La demande est enregistrée" in driver.find_element(By.ID, "contenu").text
    screenshot(driver, "74-demande-enregistree")
    # The desk hands the person a one-time code: an e-mail typed on paper attaches nothing by itself.
    submit_with(driver, "Code de rattachement")
    claim_code = driver.find_element(By.ID, "claim-code").text.strip()
    assert len(claim_code) == 8, claim_code
    screenshot(driver, "74b-code-de-rattachement")

    # 3. The same person typed differently: duplicate warning, refusal to register blindly, link.
    follow(driver, link(driver, "← Guichet"))
    assert path_of(driver) == "/guichet"
    second_id = enter_paper_request(
        driver, screenshot, axe_check, applicant_step("LEFEVRE DUPONT", "elise", ""), "75", check_step=False,
        duplicate=True)
    assert second_id != first_id
    duplicates = driver.find_element(By.CSS_SELECTOR, "section.duplicates")
    assert duplicates.find_element(By.TAG_NAME, "h2").text.strip().startswith("Doublon possible"), duplicates.text
    cards = duplicates.find_elements(By.CSS_SELECTOR, ".side-by-side > .card")
    assert len(cards) == 2, duplicates.text
    assert "LEFEVRE DUPONT" in cards[0].text
    assert nud in cards[1].find_element(By.TAG_NAME, "h3").text
    assert "Lefèvre-Dupont" in cards[1].text
    screenshot(driver, "76-saisie-doublon")
    axe_check(driver, "guichet-saisie-doublon")

    assert not driver.find_element(By.ID, "confirmDifferentPerson").is_selected()
    submit_with(driver, REGISTER)
    alert = driver.find_element(By.CSS_SELECTOR, "div.alert-error[role=alert]")
    assert alert.text.strip(), "empty error alert"
    assert driver.find_element(By.CSS_SELECTOR, "section.duplicates")
    screenshot(driver, "77-saisie-doublon-refusee")

    click_and_wait(driver, button_starting(driver, "C’est la même personne"))
    # The name was typed another way: each differing section side by side, the agent chooses.
    assert h1(driver).startswith("Rattacher la saisie à la demande"), h1(driver)
    sections = driver.find_elements(By.CSS_SELECTOR, "form fieldset.card")
    assert any("Vous, le demandeur" in section.text for section in sections), [s.text for s in sections]
    screenshot(driver, "77b-rattacher-choix-par-section")
    axe_check(driver, "guichet-rattacher-choix")
    for section in sections:
        radio = section.find_element(By.CSS_SELECTOR, "input[type=radio][value=existante]")
        driver.find_element(By.CSS_SELECTOR, f'label[for="{radio.get_attribute("id")}"]').click()
    submit_with(driver, "Rattacher avec ces choix")
    assert path_of(driver) == f"/guichet/demandes/{first_id}?message=rattachee"
    assert driver.find_element(By.CSS_SELECTOR, "h1 .nud").text.strip() == nud
    assert "doublon évité" in driver.find_element(By.CSS_SELECTOR, "ol.timeline").text
    screenshot(driver, "78-rattachee-a-la-premiere")
    axe_check(driver, "guichet-dossier")

    # 4. Pieces: two scanned at the desk, one validated, one refused with a reason and comment.
    pdf = tmp_path / "piece.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    forms = driver.find_elements(By.CSS_SELECTOR, "form[action$='/pieces']")
    assert len(forms) >= 2, f"{len(forms)} upload forms on the file page"
    pieces = []
    for form in forms[:2]:
        code = form.find_element(By.CSS_SELECTOR, "input[type=hidden][name=piece]").get_attribute("value")
        label = form.find_element(By.XPATH, "ancestor::li[1]/h3").text.strip()
        pieces.append((code, label))
    for code, label in pieces:
        file_input = driver.find_element(By.CSS_SELECTOR, f'input[type=file][id="file-{code}"]')
        file_input.send_keys(str(pdf))
        form = file_input.find_element(By.XPATH, "ancestor::form[1]")
        deposit = button_starting(form, "Déposer")
        assert deposit.text.strip().startswith("Déposer")
        click_and_wait(driver, deposit)
        assert path_of(driver) == f"/guichet/demandes/{first_id}?message=deposee", field_errors(driver)
        assert piece_card(driver, label).find_elements(By.XPATH, ".//a[starts-with(normalize-space(), 'Voir le fichier 1')]")
    screenshot(driver, "79-pieces-deposees")

    (validated_code, validated_label), (refused_code, refused_label) = pieces
    click_and_wait(driver, button_starting(piece_card(driver, validated_label), "Valider"))
    assert path_of(driver) == f"/guichet/demandes/{first_id}?message=validee"
    assert "La pièce a été validée" in driver.find_element(By.ID, "contenu").text
    assert piece_card(driver, validated_label).find_element(By.CSS_SELECTOR, ".badge").text.strip() == "Validée"

    card = piece_card(driver, refused_label)
    details = card.find_element(By.CSS_SELECTOR, "details.refuse")
    details.find_element(By.TAG_NAME, "summary").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: details.get_attribute("open") is not None)
    Select(details.find_element(By.CSS_SELECTOR, "select[name=reason]")).select_by_value("obsolete")
    details.find_element(By.CSS_SELECTOR, "textarea[name=comment]").send_keys(REFUSAL_COMMENT)
    # A refusal is irreversible for the applicant: the desk ticks « Je confirme » first.
    details.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=confirm]").click()
    screenshot(driver, "80-refus-en-cours")
    click_and_wait(driver, details.find_element(By.XPATH, ".//button[starts-with(normalize-space(), 'Refuser la pièce')]"))
    assert path_of(driver) == f"/guichet/demandes/{first_id}?message=refusee", field_errors(driver)
    assert "La pièce a été refusée" in driver.find_element(By.ID, "contenu").text
    refusal = piece_card(driver, refused_label).find_element(By.CSS_SELECTOR, "p.refusal").text
    assert refusal == f"Refusée : Obsolète – {REFUSAL_COMMENT}", refusal
    screenshot(driver, "81-piece-refusee")
    axe_check(driver, "guichet-dossier-pieces")

    # 5. The applicant sees the outcome in their espace personnel.
    sign_out(driver)
    sign_in(driver, email, STRONG_PASSWORD)
    visit(driver, "/mon-espace/rattacher")
    fill(driver, "nud", nud)
    fill(driver, "code", claim_code)
    axe_check(driver, "demandeur-rattacher")
    submit_with(driver, "Rattacher")
    assert path_of(driver) == "/mon-espace?message=rattachee", path_of(driver)
    screenshot(driver, "82a-demande-rattachee")
    visit(driver, "/mon-espace/pieces")
    assert path_of(driver) == "/mon-espace/pieces"
    assert h1(driver) == "Mes pièces justificatives"
    refused = driver.find_element(By.ID, f"piece-{refused_code}")
    assert refused.find_element(By.CSS_SELECTOR, "p.refusal").text.strip() == (
        f"Motif du refus : Obsolète – {REFUSAL_COMMENT}")
    validated = driver.find_element(By.ID, f"piece-{validated_code}")
    assert validated.find_element(By.CSS_SELECTOR, ".badge").text.strip() == "Validée"
    screenshot(driver, "82-demandeur-pieces")
    axe_check(driver, "demandeur-pieces")

    visit(driver, "/mon-espace")
    assert driver.find_element(By.ID, "nud").text.strip() == nud
    timeline = driver.find_element(By.CSS_SELECTOR, "ol.timeline").text
    assert "Pièce refusée" in timeline, timeline
    screenshot(driver, "83-demandeur-historique")
