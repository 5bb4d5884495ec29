"""The review page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

At 1,400 px nothing scrolls sideways, a highlighted crop sits next to its value, and sorting and filtering
answer clicks and typing. Screenshots go to the test's folder, or to $EVIDEX_REPORT_SHOTS when set.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from fixtures import reviewdb
from tests.output.test_report_build import run_example

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
WIDTH = 1400

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("CI needs Debian's chromium (scripts/install.sh installs it)", pytrace=False)
    pytest.skip("no /usr/bin/chromium: apt-get install chromium", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page(viewport={"width": WIDTH, "height": 1000})
    yield pg
    pg.close()


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    out = tmp_path_factory.mktemp("example-browser")
    return out, run_example(out)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[reviewdb.StudyTruth]]:
    from evidex.output import report

    out = tmp_path_factory.mktemp("generated-browser")
    truths = reviewdb.write(out, 60)
    report.build(out)
    return out, truths


def shot(page: Any, name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path))
    if target := os.environ.get("EVIDEX_REPORT_SHOTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / name)
    return path


def no_sideways_scroll(page: Any) -> None:
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner == WIDTH


def visible_column(page: Any, key: str) -> list[str]:
    """The text of one column, in the order the visible rows are shown."""
    return page.evaluate(
        """key => { const i = document.querySelector(`#study-table th[data-key=${key}]`).cellIndex;
        return Array.from(document.querySelectorAll('#study-table > tbody:not([hidden])'))
            .map(t => t.rows[0].cells[i].textContent.trim()); }""",
        key,
    )


def test_index_fits_1400_px(page: Any, example: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out, _ = example
    page.goto((out / "report.html").as_uri())
    no_sideways_scroll(page)
    shot(page, "index.png", tmp_path)


def test_generated_index_fits_1400_px(page: Any, generated: tuple[Path, list], tmp_path: Path) -> None:
    out, _ = generated
    page.goto((out / "report.html").as_uri())
    no_sideways_scroll(page)
    shot(page, "index-60-studies.png", tmp_path)


@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_study_page_fits_1400_px(page: Any, example: tuple[Path, dict[str, str]], kind: str, tmp_path: Path) -> None:
    out, ids = example
    page.goto((out / "report" / f"{ids[kind]}.html").as_uri())
    no_sideways_scroll(page)
    shot(page, f"study-{kind}.png", tmp_path)
    page.locator("#evidence").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('evidence').scrollIntoView()")
    no_sideways_scroll(page)
    shot(page, f"study-{kind}-evidence.png", tmp_path)


def test_highlighted_crop_next_to_its_value(page: Any, example: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out, ids = example
    page.goto((out / "report" / f"{ids['pdf']}.html").as_uri())
    record = page.locator("#t-evidence > tbody").filter(has=page.locator("td.crop img")).first
    record.scroll_into_view_if_needed()
    img = record.locator("td.crop img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    value = record.locator("tr.main > td").nth(2).bounding_box()
    picture = img.bounding_box()
    assert value and picture and record.locator("tr.main > td").nth(2).inner_text().strip()
    assert picture["x"] > value["x"] + value["width"]  # to the right of the value, in the same row
    assert picture["y"] < value["y"] + value["height"] and value["y"] < picture["y"] + picture["height"]
    assert picture["x"] + picture["width"] <= WIDTH
    rgb = np.asarray(Image.open(io.BytesIO(img.screenshot())).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    red = int(((r > 170) & (g < 90) & (b < 90)).sum())
    yellow = int(((r > 200) & (g > 170) & (b < 150)).sum())
    assert red > 20 and yellow > 20
    shot(page, "study-pdf-crop.png", tmp_path)


def test_sorting_by_clicking_headers(page: Any, generated: tuple[Path, list]) -> None:
    out, truths = generated
    page.goto((out / "report.html").as_uri())
    errors = page.locator("th[data-key=errors] button")
    errors.click()
    assert [int(v) for v in visible_column(page, "errors")] == sorted(t.errors for t in truths)
    errors.click()
    assert [int(v) for v in visible_column(page, "errors")] == sorted((t.errors for t in truths), reverse=True)
    page.locator("th[data-key=evidence] button").click()
    assert [int(v) for v in visible_column(page, "evidence")] == sorted(t.n_evidence for t in truths)
    page.locator("th[data-key=arms] button").click()
    arms = [a.lower() for a in visible_column(page, "arms")]
    named = [a for a in arms if a]
    assert named == sorted(named) and arms[len(named) :] == [""] * (len(arms) - len(named))  # blanks last


def test_filtering_by_typing_and_choosing(page: Any, generated: tuple[Path, list]) -> None:
    out, truths = generated
    page.goto((out / "report.html").as_uri())
    page.locator("[data-filter-text]").fill("garcia")
    garcia = [t.study_id for t in truths if "garcia" in t.label.lower()]
    assert garcia and [int(k, 16) for k in _ids(page)] == [int(s, 16) for s in garcia]
    assert page.locator("[data-count]").inner_text() == f"{len(garcia)} of {len(truths)} studies"
    page.locator("[data-filter-text]").fill("")
    page.select_option("select[data-filter=status]", "failed")
    assert _ids(page) == [t.study_id for t in truths if t.status == "failed"]
    page.select_option("select[data-filter=status]", "")
    page.select_option("select[data-filter=flags]", "errors")
    assert _ids(page) == [t.study_id for t in truths if t.errors]


def _ids(page: Any) -> list[str]:
    return page.evaluate(
        "Array.from(document.querySelectorAll('#study-table > tbody:not([hidden]) a'))"
        ".map(a => a.getAttribute('href').slice(7, -5))"
    )


def test_study_page_filters_findings_by_severity(page: Any, example: tuple[Path, dict[str, str]]) -> None:
    out, ids = example
    page.goto((out / "report" / f"{ids['text']}.html").as_uri())
    total = page.locator("#t-findings > tbody").count()
    errors = page.locator("#t-findings > tbody.error").count()
    page.select_option("#findings select[data-filter=severity]", "error")
    assert page.locator("#t-findings > tbody:not([hidden])").count() == errors < total
    page.locator("#evidence [data-filter-text]").fill("crs")
    shown = page.locator("#t-evidence > tbody:not([hidden])")
    assert shown.count() > 0 and all("crs" in t.lower() for t in shown.all_inner_texts())
