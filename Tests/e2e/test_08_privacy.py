"""Journey 8: the privacy page (from the footer, readable at 390 px) and the applicant's data download."""

import io
import json
import urllib.request
import zipfile

from selenium.webdriver.common.by import By

from support import DEMO_PASSWORD, click_and_wait, fill, h1, link, path_of, submit_with, visit


def test_privacy_page_from_the_footer(driver, screenshot, axe_check):
    visit(driver, "/")
    footer = driver.find_element(By.TAG_NAME, "footer")
    click_and_wait(driver, link(driver, "Données personnelles", footer))
    assert path_of(driver) == "/confidentialite"
    assert h1(driver) == "Données personnelles et confidentialité"
    screenshot(driver, "confidentialite")

    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "main h2")]
    for expected in ("Pourquoi nous traitons vos données", "Combien de temps elles sont conservées",
                     "Vos droits et comment les exercer", "Réclamation auprès de la CNIL", "Contact"):
        assert expected in headings, headings
    retention = driver.find_element(By.ID, "conservation").find_element(By.XPATH, "..").text
    assert "12 mois après la radiation" in retention

    axe_check(driver, "confidentialite")


def test_privacy_page_fits_a_phone(driver, screenshot):
    driver.set_window_size(390, 844)
    visit(driver, "/confidentialite")
    screenshot(driver, "confidentialite-390")
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px at 390 px"


def test_demo_applicant_downloads_their_data_from_their_space(driver, screenshot, axe_check):
    visit(driver, "/connexion")
    fill(driver, "email", "demandeur@demo.logis.fr")
    fill(driver, "password", DEMO_PASSWORD)
    submit_with(driver, "Se connecter")
    visit(driver, "/mon-espace")
    nud = driver.find_element(By.ID, "nud").text.strip()
    section = driver.find_element(By.ID, "titre-donnees").find_element(By.XPATH, "..")
    driver.execute_script("arguments[0].scrollIntoView()", section)
    screenshot(driver, "mon-espace-mes-donnees")
    anchor = link(driver, "Télécharger mes données (archive ZIP)", section)
    assert anchor.get_attribute("pathname") == "/mon-espace/mes-donnees.zip"
    axe_check(driver, "mon-espace-mes-donnees")

    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(anchor.get_attribute("href"), headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "application/zip"
        body = response.read()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        names = archive.namelist()
        data = json.loads(archive.read("mes-donnees.json").decode("utf-8"))
    assert [r["nud"] for r in data["requests"]] == [nud]
    assert sum(name.startswith(f"pieces/{nud}/") for name in names) == 3, names
    assert "LISEZMOI.txt" in names
