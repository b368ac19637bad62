"""Does the dashboard feel instant? First chart, a filter change and a page switch, side by side with baselines.

    .venv/bin/python -m bench.feel_bench [--db bench/out/demo.duckdb] [--repeat 5] [--compare DIR] [--doc FILE]

Servers run at once: the dashboard in demo mode (GEPM_DEMO=1, no users file) on the given warehouse (default:
the district demo, built with `python -m etl demo --db bench/out/demo.duckdb --out bench/out/demo` when
absent); with --compare, the dashboard of another checkout too (DIR: e.g. `git archive <commit> | tar -x -C
DIR`), on the same warehouse, measured in the same rounds; and three baselines with Streamlit's default
settings: `plain`, a title and one three-bar Plotly chart (the goal's reference); `figure`, a title and the
overview's own trend figure (the same chart, nothing else); `nav`, the three-bar chart under `st.navigation`
with a second page and a sidebar selectbox that changes the chart (the floor for a filter change and a page
switch). Each round opens a new tab on each app in an order that rotates from round to round, in one browser
context (a returning user: scripts in the HTTP cache); a first round warms every cache and is reported apart.
Times are taken inside the page (`performance.now()`):

- first chart: from the start of the navigation to the first `.js-plotly-plot .main-svg` in the document;
- filter change: from the pointer's release on another period in the sidebar's period box (a choice takes
  effect on release) to the first frame painted once the script run it started has finished (`stApp` back to
  `data-test-script-state=notRunning`), no element is left stale, the page's scope caption names the new
  period and a chart is drawn;
- page switch: from the release on a navigation link to the first frame painted with the new page's title and
  its first Plotly chart drawn (neither stale); "whole page" waits for the end of its script run too.

Where the time goes, from the same rounds: a wrapper around the page's WebSocket notes when the rerun request
leaves and when each message from the server is handled (on the page's main thread, so a busy thread shows).
Medians over --repeat rounds; a ratio is the median of each round's dashboard time over the baseline's time in
the same round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.doc import write_doc
from plan.settings import ROOT

PLAIN_APP = """import plotly.graph_objects as go
import streamlit as st

st.title("baseline")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])))
"""
FIGURE_APP = """from pathlib import Path

import plotly.io as pio
import streamlit as st

st.title("figure")
st.plotly_chart(pio.from_json((Path(__file__).parent / "figure.json").read_text("utf-8")))
"""
NAV_APP = """import streamlit as st

st.navigation([st.Page("first.py", title="First", default=True), st.Page("second.py", title="Second")]).run()
"""
NAV_FIRST = """import plotly.graph_objects as go
import streamlit as st

choice = st.sidebar.selectbox("Period", ["Q1", "H1", "9M", "Year"], index=3)
st.title("First")
st.caption(f"Scope · {choice} · all")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, len(choice)])))
"""
NAV_SECOND = """import plotly.graph_objects as go
import streamlit as st

st.title("Second")
st.plotly_chart(go.Figure(go.Bar(x=[1, 2, 3], y=[1, 2, 3])))
"""

# Installed in every document before its scripts: the first chart's time, the last pointer release, the
# WebSocket's traffic, and a wait that resolves at the first frame painted after a condition holds.
PROBE = """
window.__feel = {firstChart: null, down: null, ws: []};
document.addEventListener('pointerup', e => { window.__feel.down = e.timeStamp; }, true);
new MutationObserver((_, obs) => {
  if (!document.querySelector('.js-plotly-plot .main-svg')) return;
  window.__feel.firstChart = performance.now();
  obs.disconnect();
}).observe(document, {subtree: true, childList: true});
window.WebSocket = class extends window.WebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => window.__feel.ws.push(['in', performance.now()]));
  }
  send(data) { window.__feel.ws.push(['out', performance.now()]); return super.send(data); }
};
window.__feel.arm = (src) => {
  const cond = new Function('return (' + src + ')()');
  window.__feel.ws.length = 0;
  window.__feel.pending = new Promise(resolve => {
    const check = () => {
      if (!cond()) return;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    };
    const obs = new MutationObserver(check);
    obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  });
};
"""
IDLE = """(document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'
  && !document.querySelector('[data-testid="stMain"] [data-stale="true"]'))"""
CHART = "!!document.querySelector('[data-testid=\"stMain\"] [data-stale=\"false\"] .js-plotly-plot .main-svg')"
# after a press: (ms to the rerun request, ms to the last message handled before done, messages handled)
TRAFFIC = """async () => {
  const done = await window.__feel.pending, t0 = window.__feel.down;
  const before = window.__feel.ws.filter(([, t]) => t <= done);
  const out = before.find(([k, t]) => k === 'out' && t >= t0), got = before.filter(([k]) => k === 'in');
  return [done - t0, out ? out[1] - t0 : null, got.length ? got[got.length - 1][1] - t0 : null, got.length];
}"""
LOAD = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const chunk = performance.getEntriesByType('resource').find(e => /PlotlyChart\\./.test(e.name));
  const first = window.__feel.ws.find(([k]) => k === 'in');
  return [window.__feel.firstChart, nav.domContentLoadedEventEnd, first ? first[1] : null,
          chunk ? chunk.startTime : null];
}"""


def _caption_has(text: str) -> str:
    return (f"[...document.querySelectorAll('[data-testid=\"stMain\"] [data-testid=\"stCaptionContainer\"]')]"
            f".some(c => c.textContent.includes({text!r}))")


def _title_is(text: str) -> str:
    return (f"[...document.querySelectorAll('[data-testid=\"stMain\"] [data-stale=\"false\"] h1')]"
            f".some(h => h.textContent.trim() === {text!r})")


def _cond(*parts: str) -> str:
    return "() => " + " && ".join(f"({p})" for p in parts)


@dataclass(frozen=True)
class App:
    """One served app and what to click in it (interactive=False: first chart only)."""

    name: str
    url: str
    home_title: str = ""
    period_box: int = 0  # index of the period selectbox among the sidebar's selectboxes
    periods: tuple[str, str] = ("", "")  # the period shown at first, the one chosen
    scope: Callable[[str], str] = str  # the text the scope caption holds for a period
    away: tuple[str, str] = ("", "")  # navigation link text, title of the page it opens
    interactive: bool = False


@dataclass
class Times:
    """Seconds per round; the *_parts lists hold TRAFFIC / LOAD tuples (milliseconds)."""

    first_chart: list[float] = field(default_factory=list)
    load_parts: list[list[float | None]] = field(default_factory=list)
    filter_change: list[float] = field(default_factory=list)
    filter_parts: list[list[float | None]] = field(default_factory=list)
    switch: list[float] = field(default_factory=list)
    switch_parts: list[list[float | None]] = field(default_factory=list)
    switch_whole: list[float] = field(default_factory=list)
    switch_back: list[float] = field(default_factory=list)


def _press(page: Any, cond: str, click: Callable[[], None]) -> list[float | None]:
    """TRAFFIC after click(): ms from the pointer's release to the first frame painted with cond true, etc."""
    page.evaluate("src => window.__feel.arm(src)", cond)
    click()
    return list(page.evaluate(TRAFFIC))


def _idle(page: Any) -> None:
    page.wait_for_function(_cond(IDLE, CHART), timeout=120_000)


def first_chart(context: Any, app: App, times: Times) -> Any:
    page = context.new_page()
    page.goto(app.url + "/")
    page.wait_for_function("() => window.__feel.firstChart !== null", timeout=120_000)
    parts = list(page.evaluate(LOAD))
    times.first_chart.append(float(parts[0]) / 1000)
    times.load_parts.append(parts)
    _idle(page)
    return page


def filter_change(page: Any, app: App, times: Times) -> None:
    shown, chosen = app.periods
    page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").filter(
        has_text=app.scope(shown)).first.wait_for(timeout=60_000)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").nth(app.period_box).click()
    option = page.get_by_role("option", name=chosen, exact=True)
    option.wait_for(timeout=60_000)
    parts = _press(page, _cond(IDLE, CHART, _caption_has(app.scope(chosen))), option.click)
    times.filter_change.append(float(parts[0] or 0) / 1000)
    times.filter_parts.append(parts)
    _idle(page)


def page_switch(page: Any, link: str, title: str) -> tuple[list[float | None], float]:
    """(TRAFFIC until the title and first chart are drawn, seconds until the whole run has finished)."""
    nav = page.get_by_test_id("stSidebarNav").get_by_text(link, exact=True)
    parts = _press(page, _cond(_title_is(title), CHART), nav.click)
    page.wait_for_function(_cond(IDLE, CHART, _title_is(title)), timeout=120_000)
    return parts, float(page.evaluate("performance.now() - window.__feel.down")) / 1000


def round_of(context: Any, app: App, times: Times) -> None:
    page = first_chart(context, app, times)
    if app.interactive:
        filter_change(page, app, times)
        parts, whole = page_switch(page, *app.away)
        times.switch.append(float(parts[0] or 0) / 1000)
        times.switch_parts.append(parts)
        times.switch_whole.append(whole)
        times.switch_back.append(float(page_switch(page, app.home_title, app.home_title)[0][0] or 0) / 1000)
    page.close()


@contextmanager
def _serve_script(files: dict[str, str], log: Path) -> Iterator[str]:
    """A baseline app written to a temporary folder and served from it (Streamlit's default settings)."""
    from testkit.served import _wait_healthy, free_port

    folder = Path(tempfile.mkdtemp(prefix="feel-"))
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(folder / next(iter(files))), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=folder, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(f"http://127.0.0.1:{port}", proc)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def _dashboard(name: str, url: str) -> App:
    from i18n import t
    from plan.load import cached_plans
    from plan.settings import settings

    plan = cached_plans(str(settings().plans_dir))[settings().default_plan]
    last, first = plan.periods[-1].name_vi, plan.periods[0].name_vi
    return App(name, url, t("page.overview", "vi"), 1, (last, first), lambda p: f" · {p} · ",
               (t("page.reporting", "vi"), t("page.reporting", "vi")), True)


def trend_figure_json() -> str:
    """The overview's trend figure as the page sends it (AppTest on this checkout, demo mode)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    return str(at.get("plotly_chart")[0].proto.spec)


@contextmanager
def served(db: Path, compare: Path | None) -> Iterator[list[App]]:
    from plan.settings import settings
    from testkit.served import serve

    out = ROOT / "bench" / "out"
    env = {"GEPM_DEMO": "1", "GEPM_USERS": str(out / "no-users.yaml")}
    os.environ.update(GEPM_DB=str(db), **env)  # this process reads the plan and draws the trend figure
    settings.cache_clear()
    with ExitStack() as stack:
        apps = [_dashboard("dashboard", stack.enter_context(serve(db, out / "feel-dashboard.log", env)))]
        if compare is not None:
            apps.append(_dashboard("compared", stack.enter_context(
                serve(db, out / "feel-compared.log", env, root=compare.resolve()))))
        nav = stack.enter_context(_serve_script({"app.py": NAV_APP, "first.py": NAV_FIRST, "second.py": NAV_SECOND},
                                                out / "feel-nav.log"))
        apps.append(App("nav", nav, "First", 0, ("Year", "Q1"), lambda p: f"· {p} ·", ("Second", "Second"), True))
        apps.append(App("plain", stack.enter_context(_serve_script({"plain.py": PLAIN_APP}, out / "feel-plain.log"))))
        figure = {"figure.py": FIGURE_APP, "figure.json": trend_figure_json()}
        apps.append(App("figure", stack.enter_context(_serve_script(figure, out / "feel-figure.log"))))
        yield apps


def run(db: Path, repeat: int, compare: Path | None) -> tuple[dict[str, Times], dict[str, Times]]:
    """(warm-up round, measured rounds) per app."""
    from playwright.sync_api import sync_playwright

    from testkit.served import CHROMIUM, CHROMIUM_ARGS

    with served(db, compare) as apps, sync_playwright() as p:
        warm, times = {a.name: Times() for a in apps}, {a.name: Times() for a in apps}
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(PROBE)
        for n in range(repeat + 1):
            shift = n % len(apps)  # each app takes each place in the order in turn
            for app in apps[shift:] + apps[:shift]:
                round_of(context, app, (times if n else warm)[app.name])
            print(f"round {n}: " + ", ".join(f"{a.name} {(times if n else warm)[a.name].first_chart[-1]:.2f}s"
                                             for a in apps), flush=True)
        browser.close()
    return warm, times


def _med(values: list[float]) -> float:
    return statistics.median(values)


def _ratio(ours: list[float], base: list[float]) -> str:
    return f"{_med([a / b for a, b in zip(ours, base, strict=True)]):.2f}×" if ours and base else "—"


GOALS = (  # label, Times attribute, goal, the baseline a ratio is taken to
    ("first chart, overview", "first_chart", "≤ 1.1 × plain", "plain"),
    ("filter change (period) → updated page", "filter_change", "≤ 0.25 s", "nav"),
    ("page switch → Reporting: title and first chart", "switch", "≤ 0.5 s", "nav"),
    ("page switch → Reporting: whole page", "switch_whole", "—", "nav"),
    ("page switch back → overview: title and first chart", "switch_back", "—", "nav"),
)


def goals_table(warm: dict[str, Times], times: dict[str, Times]) -> list[str]:
    ours = [n for n in ("dashboard", "compared") if n in times]
    bases = [n for n in ("nav", "plain", "figure") if n in times]
    head = ["measure", "goal", *ours, *bases, *(f"{n} ÷ baseline" for n in ours), "dashboard, first round"]
    lines = ["| " + " | ".join(head) + " |", "|---|---|" + "---:|" * (len(head) - 2)]
    for label, attr, goal, base in GOALS:
        cells = [f"{_med(getattr(times[n], attr)):.2f}" if getattr(times[n], attr) else "—" for n in ours + bases]
        ratios = [f"{_ratio(getattr(times[n], attr), getattr(times[base], attr))} {base}" if base in times else "—"
                  for n in ours]
        cold = getattr(warm["dashboard"], attr)
        lines.append(f"| {label} | {goal} | " + " | ".join([*cells, *ratios, f"{cold[0]:.2f}" if cold else "—"])
                     + " |")
    return lines


def _ms(parts: list[list[float | None]], i: int) -> str:
    values = [float(p[i]) for p in parts if p[i] is not None]
    return f"{_med(values):.0f}" if values else "—"


def parts_table(times: dict[str, Times]) -> list[str]:
    lines = ["| app | first chart: DOM ready | first message | Plotly module asked | first chart "
             "| filter: request sent | last message | painted | messages "
             "| switch: request sent | last message | painted | messages |",
             "|---|" + "---:|" * 12]
    for name, t in times.items():
        load = [_ms(t.load_parts, i) for i in (1, 2, 3, 0)]
        inter = [_ms(p, i) for p in (t.filter_parts, t.switch_parts) for i in (1, 2, 0, 3)] \
            if t.filter_parts else ["—"] * 8
        lines.append(f"| {name} | " + " | ".join(load + inter) + " |")
    return lines


def table(db: Path, repeat: int, warm: dict[str, Times], times: dict[str, Times]) -> str:
    lines = [f"Warehouse: `{db.name}` (district demo); medians of {repeat} interleaved rounds after a warm-up "
             "round; seconds. A ratio is the median of each round's time over the baseline's in the same round.",
             "", *goals_table(warm, times), "",
             "Where the time goes (ms from the navigation's start, or from the pointer's release; medians; "
             "messages: server messages handled by the page):", "", *parts_table(times)]
    return "\n".join(lines)


def _demo_db(db: Path) -> None:
    if not db.exists():
        subprocess.run([sys.executable, "-m", "etl", "demo", "--db", str(db), "--out", str(db.parent / "demo")],
                       check=True, cwd=ROOT)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "demo.duckdb")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--compare", type=Path, default=None, help="another checkout, measured in the same rounds")
    ap.add_argument("--doc", type=Path, default=None)
    ap.add_argument("--marker", default="feel-bench")
    args = ap.parse_args()
    _demo_db(args.db)
    warm, times = run(args.db, args.repeat, args.compare)
    text = table(args.db, args.repeat, warm, times)
    print(text)
    if args.doc:
        write_doc(args.doc, text, args.marker, "Feels instant: first chart, filter change, page switch")


if __name__ == "__main__":
    main()
