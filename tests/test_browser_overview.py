"""The overview's cards in headless Chromium at 1280 and 1920 px: every indicator's title is shown in full, neither
cut with an ellipsis nor clipped by its card (screenshots go to $GEPM_SCREENSHOTS to look at them)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from plan.model import Plan
from testkit.served import browser_available, copy_db, serve, settled

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not browser_available(), reason="needs chromium + playwright")]

# Every visible element holding the text, with what hides part of it: an ellipsis, a line clamp, its own
# overflow, or an ancestor that cuts it off (scrolled into view first, so a page scroll is not a clip).
FIND_CLIPPED = """(text) => {
  const clip = (s) => s.overflowX !== 'visible' || s.overflowY !== 'visible';
  const holders = [...document.querySelectorAll('[data-testid="stMain"] *')].filter(e =>
    [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.includes(text)) && e.checkVisibility());
  return holders.map(el => {
    el.scrollIntoView({block: 'center'});
    const r = el.getBoundingClientRect(), problems = [];
    for (const e of [el, ...el.querySelectorAll('*')]) {
      const s = getComputedStyle(e);
      if (s.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth) problems.push('ellipsis');
      if (s.webkitLineClamp && s.webkitLineClamp !== 'none') problems.push('line clamp');
      const over = e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
      if (clip(s) && over) problems.push('overflow');
    }
    for (let a = el.parentElement; a; a = a.parentElement) {
      const b = a.getBoundingClientRect();
      if (clip(getComputedStyle(a)) && (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1
          || r.bottom > b.bottom + 1)) problems.push('cut by ' + (a.dataset.testid || a.tagName));
    }
    return {text: el.innerText, problems};
  });
}"""


@pytest.fixture(scope="module")
def app_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("browser-overview")
    with serve(copy_db(demo_db, tmp / "w.duckdb"), tmp / "streamlit.log") as url:
        yield url


@pytest.mark.parametrize("width", [1280, 1920])
def test_card_titles_are_shown_in_full(browser: Any, app_url: str, govap: Plan, tmp_path: Path, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 2000})  # tall: every card in the screenshot
    page.set_default_timeout(60_000)  # test workers and a Streamlit server share two cores
    page.goto(app_url)
    page.get_by_test_id("stMetric").nth(len(govap.indicators) - 1).wait_for()
    settled(page)
    shots = Path(os.environ.get("GEPM_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"overview-cards-{width}.png"), full_page=True)
    for ind in govap.indicators:
        holders = page.evaluate(FIND_CLIPPED, ind.name_vi)
        assert holders, f"{ind.code}: its full title is not on the page"
        for holder in holders:
            assert holder["problems"] == [], (ind.code, width, holder)
            assert not holder["text"].rstrip().endswith(("…", "...")), (ind.code, width)
    page.close()
