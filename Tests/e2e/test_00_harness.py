"""The harness checks itself: axe really runs in the page and really fails on a violation.

Guards against a silent no-op (axe blocked by the Content-Security-Policy, wrong tags…),
which would make every accessibility check of the journeys pass vacuously.
"""

import pytest

from support import visit


def test_axe_detects_a_serious_violation(driver, axe_check):
    visit(driver, "/")
    # An image without text alternative (critical) and light grey text on white (serious).
    driver.execute_script(
        """
        const main = document.getElementById('contenu');
        const img = document.createElement('img');
        img.src = '/images/logis.svg'; img.width = 20; img.height = 20;
        const p = document.createElement('p');
        p.textContent = 'Texte illisible'; p.style.color = '#bbbbbb'; p.style.background = '#ffffff';
        main.append(img, p);
        """
    )
    with pytest.raises(AssertionError) as failure:
        axe_check(driver, "harness-self-test")
    message = str(failure.value)
    assert "image-alt [critical]" in message
    assert "color-contrast [serious]" in message
