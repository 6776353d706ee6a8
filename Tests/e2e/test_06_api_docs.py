"""Journey 6: the human-readable API page and the OpenAPI description it links to."""

import json
import urllib.request

from selenium.webdriver.common.by import By

from support import h1, path_of, visit


def test_api_page_links_to_openapi(driver, screenshot, axe_check):
    visit(driver, "/api")
    screenshot(driver, "api")

    assert path_of(driver) == "/api"
    assert h1(driver), "the API page has no title"
    openapi_links = driver.find_elements(By.CSS_SELECTOR, "#contenu a[href='/api/openapi.json']")
    assert openapi_links, "no link to /api/openapi.json"
    assert "OpenAPI" in openapi_links[0].text
    operations = driver.find_elements(By.CSS_SELECTOR, "#contenu li.card h3 code")
    assert any(code.text.startswith("/api/v1/") for code in operations), "no operation listed"
    axe_check(driver, "api")


def test_openapi_json_is_valid_openapi_3_1(base_url):
    with urllib.request.urlopen(f"{base_url}/api/openapi.json", timeout=30) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "application/json", response.headers.get("Content-Type")
        document = json.loads(response.read().decode("utf-8"))
    assert isinstance(document, dict)
    assert str(document.get("openapi", "")).startswith("3.1"), document.get("openapi")
    assert document.get("info", {}).get("title"), "info.title missing"
    assert document.get("paths"), "no paths"
