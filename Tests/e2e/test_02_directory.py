"""Journey 2: the directory of desks (guichets), its commune filter and the territory pages."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import follow, h1, path_of, submit_with, visit

EXPECTED_DESKS = [
    "France Services Petite Camargue",
    "CCAS de Vauvert",
    "Mairie d’Aubord",  # typographic apostrophe
    "Mairie de Libercourt – Pôle Habitat (Maison des droits et des solidarités)",
]


def desk_names(driver):
    return [card.find_element(By.TAG_NAME, "h4").text.strip() for card in driver.find_elements(By.CSS_SELECTOR, "li.card.guichet")]


def test_directory_lists_desks_and_filters_by_commune(driver, screenshot, axe_check):
    visit(driver, "/guichets")
    screenshot(driver, "guichets")

    names = desk_names(driver)
    for expected in EXPECTED_DESKS:
        assert expected in names, f"{expected!r} missing from the directory: {names}"
    territories = [h2.text.strip() for h2 in driver.find_elements(By.CSS_SELECTOR, "section.territory h2")]
    assert len(territories) >= 2, f"one section per territory expected, got {territories}"

    commune = driver.find_element(By.ID, "commune")
    assert commune.tag_name == "select" and commune.get_attribute("name") == "commune"
    axe_check(driver, "guichets")

    Select(commune).select_by_visible_text("Aubord")
    submit_with(driver, "Filtrer")
    screenshot(driver, "guichets-aubord")

    assert path_of(driver) == "/guichets?commune=Aubord"
    assert desk_names(driver) == ["Mairie d’Aubord"]
    assert Select(driver.find_element(By.ID, "commune")).first_selected_option.text.strip() == "Aubord"
    axe_check(driver, "guichets-aubord")


def test_territory_pages(driver, screenshot, axe_check):
    visit(driver, "/guichets")
    follow(driver, driver.find_element(By.CSS_SELECTOR, "section.territory h2 a[href='/territoires/petite-camargue']"))
    assert path_of(driver) == "/territoires/petite-camargue"
    screenshot(driver, "territoire-petite-camargue")

    assert "Petite Camargue" in h1(driver)
    main = driver.find_element(By.ID, "contenu")
    assert "Action Logement" in main.text
    assert "France Services Petite Camargue" in desk_names(driver)
    axe_check(driver, "territoire-petite-camargue")

    visit(driver, "/territoires/libercourt")
    screenshot(driver, "territoire-libercourt")
    assert "Libercourt" in h1(driver)
    assert "Mairie de Libercourt – Pôle Habitat (Maison des droits et des solidarités)" in desk_names(driver)
    axe_check(driver, "territoire-libercourt")
