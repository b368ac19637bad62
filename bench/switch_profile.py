"""Where the browser's main thread spends a page switch: Chromium's sampling profiler (CDP `Profiler`) over the
switch from the overview to another page, self time summed per script file, medians over rounds.

    .venv/bin/python -m bench.switch_profile [--db bench/out/demo.duckdb] [--page reporting] [--repeat 5] [--first]

The dashboard is served in demo mode on the warehouse (the district demo by default, as `bench.feel_bench`);
each round opens the overview in a new tab of one browser context (scripts in the HTTP cache), waits until it
is idle, starts the profiler, clicks the page's link and stops once the page's title and first chart are
drawn and its script run has ended. With --first: from opening the page in a new tab until its first chart.
"""

from __future__ import annotations

import argparse
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.feel_bench import _demo_db
from i18n import t
from plan.settings import ROOT
from testkit.served import CHROMIUM, CHROMIUM_ARGS, serve

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _bucket(frame: dict[str, Any]) -> str:
    url = str(frame.get("url") or "")
    name = str(frame.get("functionName") or "")
    if not url:
        return name if name.startswith("(") else "(native)"
    return url.rsplit("/", 1)[-1].split("?")[0] or url


def self_times(profile: dict[str, Any]) -> dict[str, float]:
    """ms of self time per script file (or per the profiler's own entries: idle, program, garbage collector)."""
    nodes = {n["id"]: _bucket(n["callFrame"]) for n in profile["nodes"]}
    out: dict[str, float] = defaultdict(float)
    for node, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        out[nodes[node]] += delta / 1000
    return dict(out)


def one_round(context: Any, url: str, page_key: str) -> tuple[dict[str, float], float]:
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(f"{url}/overview")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.locator(IDLE).wait_for()
    page.wait_for_timeout(500)
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    start = page.evaluate("performance.now()")
    cdp.send("Profiler.start")
    page.get_by_test_id("stSidebarNav").get_by_text(t(f"page.{page_key}", "vi"), exact=True).click()
    page.get_by_role("heading", name=t(f"page.{page_key}", "vi")).first.wait_for()
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    page.locator(IDLE).wait_for()
    took = page.evaluate("performance.now()") - start
    profile = cdp.send("Profiler.stop")["profile"]
    page.close()
    return self_times(profile), took


def first_chart(context: Any, url: str, page_key: str) -> tuple[dict[str, float], float]:
    """The profile of opening the page in a new tab until its first chart is drawn (no switch)."""
    page = context.new_page()
    page.set_default_timeout(120_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    page.goto(f"{url}/{page_key}")
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    took = page.evaluate("performance.now()")
    profile = cdp.send("Profiler.stop")["profile"]
    page.close()
    return self_times(profile), took


def run(db: Path, page_key: str, repeat: int, first: bool = False) -> tuple[dict[str, float], float]:
    from playwright.sync_api import sync_playwright

    env = {"GEPM_DEMO": "1", "GEPM_USERS": str(ROOT / "bench" / "out" / "no-users.yaml")}
    with serve(db, ROOT / "bench" / "out" / "switch-profile.log", env) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        measure = first_chart if first else one_round
        measure(context, url, page_key)  # warms the HTTP cache and the server's caches
        rounds = [measure(context, url, page_key) for _ in range(repeat)]
        browser.close()
    keys = {k for times, _ in rounds for k in times}
    return ({k: statistics.median(times.get(k, 0.0) for times, _ in rounds) for k in keys},
            statistics.median(took for _, took in rounds))


def table(times: dict[str, float], took: float, page_key: str, repeat: int, first: bool = False) -> str:
    busy = sum(v for k, v in times.items() if k != "(idle)")
    what = (f"Opening {page_key} in a new tab, medians of {repeat} rounds: {took:.0f} ms from the navigation until "
            "the first chart" if first else
            f"Switch overview → {page_key}, medians of {repeat} rounds: {took:.0f} ms from the click until the title, "
            "the first chart and the end of the run")
    lines = [f"{what}; main thread busy {busy:.0f} ms of it (sampled every 0.2 ms, under the profiler).",
             "", "| where (script file, or the profiler's own entry) | self time, ms |", "|---|---:|"]
    lines += [f"| `{k}` | {v:.0f} |" for k, v in sorted(times.items(), key=lambda kv: -kv[1]) if v >= 5]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "demo.duckdb")
    ap.add_argument("--page", default="reporting")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--first", action="store_true", help="profile opening the page in a new tab instead")
    args = ap.parse_args()
    _demo_db(args.db)
    times, took = run(args.db, args.page, args.repeat, args.first)
    print(table(times, took, args.page, args.repeat, args.first))


if __name__ == "__main__":
    main()
