"""Views, pages and memory at three sizes (district, city, national) — see bench/scale.py for the data.

    .venv/bin/python -m bench.scale_bench [--sizes district,city,national] [--repeat 5] [--browser]
                                          [--doc docs/performance.md]

Per size: each documented view's latency (the whole view, and the view for the latest plan year as
the dashboard asks it), each page's server-side script time cold and warm, peak memory of the
process serving them (the dashboard's share), the same after one session has viewed every period of
every plan year on six pages (what caches and allocators keep), and at national size the loader's
peak memory while it loads a city's year of workbooks into that warehouse. With --browser, the time to the first chart
drawn in headless Chromium too. Each measure runs in a fresh process so sizes do not share caches.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from bench.doc import write_doc
from documents.extracts import VIEWS
from plan.load import load_plans
from plan.settings import ROOT
from warehouse.db import CONFIG, open_for_writing

if TYPE_CHECKING:
    from bench.scale import Built



def built(size: str, rebuild: bool) -> Built:
    from bench.scale import OUT, SIZES, Built, build  # not in the page-measuring process: it counts memory

    db = OUT / size / "warehouse.duckdb"
    if rebuild or not db.exists():
        return build(size)
    info = json.loads((OUT / size / "built.json").read_text())
    plans_dir = OUT / size / "plans"
    open_for_writing(db, load_plans(plans_dir)).close()  # this version's views, current snapshots (as `upgrade`)
    return Built(size, db, plans_dir, info["default_plan"], SIZES[size][0], info["how"])


def _median_ms(con: duckdb.DuckDBPyConnection, query: str, params: dict[str, object], repeat: int) -> float:
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        # As the dashboard asks (con.execute), the result as Arrow. The relation API (con.sql) binds each
        # query twice, once to describe it: 7-13 ms more per question, none of it the view's.
        with warnings.catch_warnings():  # "an extra copy": the copy is timed, as the dashboard pays it too
            warnings.simplefilter("ignore", UserWarning)
            con.execute(query, params).to_arrow_table()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:]) * 1000


def view_latency(b: Built, repeat: int) -> dict[str, tuple[float, float]]:
    """Whole view, and the latest plan year only (ms): the very file the Data page and `export` run."""
    from documents.extracts import view_params, view_query
    from queries import sql

    con = duckdb.connect(str(b.db), read_only=True, config=CONFIG)
    now = datetime.now(UTC)
    try:
        return {v: (_median_ms(con, sql(view_query(v)), view_params(v, now), repeat),
                    _median_ms(con, sql(view_query(v)), view_params(v, now, plan_id=b.default_plan), repeat))
                for v in VIEWS}
    finally:
        con.close()


def pages_in_subprocess(b: Built, repeat: int, browser: bool) -> dict[str, object]:
    env = {**os.environ, "GEPM_DB": str(b.db), "GEPM_PLANS_DIR": str(b.plans_dir), "GEPM_DEFAULT_PLAN": b.default_plan,
           "GEPM_USERS": str(b.db.parent / "no-users.yaml"), "GEPM_DEMO": "1"}  # no users file: demo mode, asked for
    cmd = [sys.executable, "-m", "bench.scale_bench", "--pages-only", str(repeat)] + (["--browser"] if browser else [])
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT, timeout=3600)
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def pages_only(repeat: int, browser: bool) -> None:
    """Inside the fresh process: page times, then this process's peak memory (it served every page)."""
    from bench.pages_bench import PAGES, browser_times, server_times
    from plan.settings import settings

    server = {p: server_times(p, repeat) for p in PAGES}
    peak = peak_mb()
    session = session_peak()
    shown = browser_times(settings().db_path, repeat) if browser else {}
    print(json.dumps({"server": server, "peak_mb": peak, "session_mb": session, "browser": shown}))


SESSION_PAGES = ("overview", "target", "participation", "reporting", "data", "report")


def session_peak() -> float:
    """Then one session looks at every period of every plan year on each of SESSION_PAGES, as someone
    going through the years would: what the caches keep, and the allocators hold on to, over many views
    (MB, this process's peak after it)."""
    from bench.pages_bench import _app_test
    from ui.filter_state import PERIOD_KEY, PLAN_KEY
    from ui.reads import plans

    for page in SESSION_PAGES:
        at = _app_test(page)
        for plan_id, plan in sorted(plans().items(), reverse=True):
            at.selectbox(key=PLAN_KEY).set_value(plan_id).run()
            for period in plan.periods:
                at.selectbox(key=PERIOD_KEY).set_value(period.code).run()
        assert not at.exception, at.exception
    return peak_mb()


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent
    that forked it, which after the view measures is large)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def loader_peak(national: Built) -> tuple[float, int, float]:
    """Peak memory (MB), files and seconds of `python -m etl load` of a city's year into the national warehouse."""
    import shutil

    from bench.scale import OUT

    city = built("city", False)
    work = OUT / "loader-peak"
    shutil.rmtree(work, ignore_errors=True)
    (work / "plans").mkdir(parents=True)
    for plans in (national.plans_dir, city.plans_dir):
        for f in plans.glob("*.yaml"):
            shutil.copy(f, work / "plans")
    shutil.copy(national.db, work / "w.duckdb")
    files = OUT / "city" / "files" / city.default_plan
    cmd = [sys.executable, "-c", LOADER, str(files), str(work / "w.duckdb"), str(work / "plans"), city.default_plan]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=3600)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr[-2000:])
    return float(done.stdout.strip().splitlines()[-1]), len(list(files.rglob("*.xlsx"))), time.perf_counter() - start


LOADER = """import sys
from bench.scale_bench import peak_mb
from cli.main import main
code = main(["load", sys.argv[1], "--db", sys.argv[2], "--plans", sys.argv[3], "--plan", sys.argv[4]])
print(peak_mb())
sys.exit(code)
"""


def _rows(b: Built) -> dict[str, int]:
    con = duckdb.connect(str(b.db), read_only=True, config=CONFIG)
    try:
        names = ("units", "submissions", "indicator_values", "activities")
        return {t: int(con.table(t).count("*").fetchall()[0][0]) for t in names}
    finally:
        con.close()


def report(results: dict[str, dict[str, object]], repeat: int) -> str:
    from bench.pages_bench import PAGES

    sizes = list(results)
    lines = [f"Medians of {repeat} runs; 2-core VM (speed drifts about ±30% between runs).", "",
             "| size | built | units | submissions | values | activities | warehouse MB |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for s in sizes:
        r: dict = results[s]  # type: ignore[type-arg]
        n = r["rows"]
        lines.append(f"| {s} | {r['how']} | {n['units']:,} | {n['submissions']:,} | {n['indicator_values']:,} | "
                     f"{n['activities']:,} | {r['mb']:.0f} |")
    lines += ["", "View latency, ms (whole view / the latest plan year, as the dashboard asks):", "",
              "| view | " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for v in VIEWS:
        cells = [f"{results[s]['views'][v][0]:.0f} / {results[s]['views'][v][1]:.0f}" for s in sizes]  # type: ignore[index]
        lines.append(f"| `{v}` | " + " | ".join(cells) + " |")
    lines += ["", "Page server script, ms (cold / warm):", "", "| page | " + " | ".join(sizes) + " |",
              "|---|" + "---:|" * len(sizes)]
    for p in PAGES:
        cells = [f"{results[s]['pages']['server'][p][0] * 1000:.0f} / {results[s]['pages']['server'][p][1] * 1000:.0f}"  # type: ignore[index]
                 for s in sizes]
        lines.append(f"| {p} | " + " | ".join(cells) + " |")
    lines += ["", "| peak memory, MB | " + " | ".join(sizes) + " |", "|---|" + "---:|" * len(sizes),
              "| dashboard (process that served every page) | "
              + " | ".join(f"{results[s]['pages']['peak_mb']:.0f}" for s in sizes) + " |",  # type: ignore[index]
              "| the same, after a session viewing every period of every plan year on six pages | "
              + " | ".join(f"{results[s]['pages']['session_mb']:.0f}" for s in sizes) + " |"]  # type: ignore[index]
    browsers = [s for s in sizes if results[s]["pages"]["browser"]]  # type: ignore[index]
    if browsers:
        lines += ["", "Browser, seconds to the first chart drawn (title for pages without one):", "",
                  "| page | " + " | ".join(browsers) + " |", "|---|" + "---:|" * len(browsers)]
        for p in PAGES:
            lines.append(f"| {p} | " + " | ".join(f"{results[s]['pages']['browser'][p]:.2f}" for s in browsers) + " |")  # type: ignore[index]
    if "loader" in results.get("national", {}):
        mb, files, secs = results["national"]["loader"]  # type: ignore[misc]
        lines += ["", f"Loader at national size: `python -m etl load` of {files} workbooks (a city's year) into the "
                      f"national warehouse: peak {mb:.0f} MB, {secs:.0f} s."]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="district,city,national")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--doc", type=Path, default=None)
    ap.add_argument("--pages-only", type=int, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.pages_only is not None:
        pages_only(args.pages_only, args.browser)
        return
    results: dict[str, dict[str, object]] = {}
    for size in args.sizes.split(","):
        b = built(size, args.rebuild)
        results[size] = {"how": b.how, "rows": _rows(b), "mb": b.db.stat().st_size / 2**20,
                         "views": view_latency(b, args.repeat),
                         "pages": pages_in_subprocess(b, args.repeat, args.browser and size != "city")}
        if size == "national":
            results[size]["loader"] = loader_peak(b)
        print(f"{size} done", file=sys.stderr)
    text = report(results, args.repeat)
    print(text)
    if args.doc:
        write_doc(args.doc, text, marker="scale-bench", heading="Scale: district, city, national")


if __name__ == "__main__":
    main()
