"""The HTML briefing in a real headless Chromium (Debian's chromium + chromium-driver)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SEED, run_cli

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
ARTIFACTS = ROOT / "test-artifacts"

if not (CHROMIUM and DRIVER):
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium and chromium-driver; .ci/run installs them")
    pytest.skip("Debian's chromium and chromium-driver are not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1280,860", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=str(DRIVER)))
    yield driver
    driver.quit()


def render(path: str, out: Path) -> str:
    proc = run_cli("brief", path, "--backend", "replay", "--format", "html", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out.resolve().as_uri()


IN_VIEW = """
const s = document.getElementById(arguments[0]).getBoundingClientRect();
const pane = document.getElementById('article').getBoundingClientRect();
return s.top >= pane.top && s.bottom <= pane.bottom && s.bottom <= window.innerHeight;
"""


def test_clicking_a_claim_highlights_its_sentence_in_view(browser: webdriver.Chrome, tmp_path: Path) -> None:
    browser.get(render(SEED, tmp_path / "seed.html"))
    claims = browser.find_elements(By.CSS_SELECTOR, ".claim[data-cites]")
    kofman = next(c for c in claims if "Michael Kofman" in c.text)
    target = "s-" + kofman.get_attribute("data-cites").split()[-1]
    assert not browser.execute_script(IN_VIEW, target)  # far down the article before the click
    kofman.click()
    sentence = browser.find_element(By.ID, target)
    assert "hl" in sentence.get_attribute("class")
    assert browser.execute_script(IN_VIEW, target)
    assert len(browser.find_elements(By.CSS_SELECTOR, ".s.hl")) == len(kofman.get_attribute("data-cites").split())
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "html-briefing.png"))


def test_hovering_a_sentence_marks_the_points_that_cite_it(browser: webdriver.Chrome, tmp_path: Path) -> None:
    browser.get(render(SEED, tmp_path / "seed.html"))
    sentence = browser.find_element(By.ID, "s-S5")
    assert "cited by" in sentence.get_attribute("title")
    ActionChains(browser).move_to_element(sentence).perform()
    marked = browser.find_elements(By.CSS_SELECTOR, ".cites-hover")
    assert marked and all("S5" in p.get_attribute("data-cites").split() for p in marked)


def test_script_and_img_payloads_render_as_text(browser: webdriver.Chrome, tmp_path: Path) -> None:
    browser.get(render("tests/data/injection/markdown_html.txt", tmp_path / "hostile.html"))
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - the payload's alert() never ran
    assert browser.execute_script("return document.scripts.length") == 1  # ours only
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert browser.find_elements(By.CSS_SELECTOR, "#article a") == []
    article = browser.find_element(By.ID, "article").text
    assert '<script>alert("XSS-5512")</script>' in article and '<img src=x onerror="alert(1)">' in article


def test_clicking_a_contradiction_in_the_digest_shows_both_sentences_side_by_side(
        browser: webdriver.Chrome, tmp_path: Path) -> None:
    cluster = sorted((ROOT / "tests" / "data" / "clusters" / "gershkovich-detention").glob("*.txt"))
    out = tmp_path / "digest.html"
    proc = run_cli("digest", *map(str, cluster), "--backend", "replay", "--format", "html", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    browser.get(out.resolve().as_uri())
    pair = browser.find_element(By.CSS_SELECTOR, "details.pair.contradiction")
    sides = pair.find_elements(By.CSS_SELECTOR, ".side mark")
    assert len(sides) == 2 and not any(m.is_displayed() for m in sides)  # closed until clicked
    pair.find_element(By.TAG_NAME, "summary").click()
    assert all(m.is_displayed() and m.text for m in sides)
    left, right = (m.rect for m in sides)
    assert right["x"] > left["x"] + left["width"] * 0.5 and abs(right["y"] - left["y"]) < 200  # side by side
    sources = [s.get_attribute("data-source") for s in pair.find_elements(By.CSS_SELECTOR, ".side")]
    assert len(set(sources)) == 2  # two articles
    assert browser.find_element(By.TAG_NAME, "h2").text == "Situation report"
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "html-digest.png"))
