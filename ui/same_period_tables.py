"""The same-period comparison as people see it: per target, per unit, participation per unit, the unit mapping.

Numbers formatted the reader's way on screen and raw in downloads; a unit that did not exist in the earlier year
reads so in the earlier year's column, never 0. One drawing function serves the three pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from i18n import Lang, t
from plan.model import Plan
from plan.same_period import Origin
from ui.downloads import download_buttons
from ui.formats import fmt_int, fmt_pct, fmt_points, plain, quarter_label
from ui.i18n import tr
from ui.same_period import Earlier, pct, records
from ui.shaping import unit_name

HEADLINE = ("before_pct", "before_participants")  # where a row without earlier figures says why (never 0)
WHY = {"no_unit": "sp.no_unit", "no_data": "sp.no_data", "no_indicator": "sp.no_indicator"}


@dataclass(frozen=True)
class Table:
    shown: pd.DataFrame  # every cell as text in the reader's formats
    download: pd.DataFrame  # raw numbers, headers translated


@dataclass(frozen=True)
class SamePeriodView:
    title: str
    caption: str
    table: Table
    notes: tuple[str, ...]  # units left out of the earlier year's sums, and why
    mapping_title: str
    mapping: Table | None  # the units made of other earlier units; None when every unit is unchanged
    mapping_notes: tuple[str, ...]  # how many units are unchanged; the crosswalk's rule for a split


def joined(values: Iterable[Any]) -> str:
    """Distinct non-empty texts, comma-separated, in their first order."""
    return ", ".join(dict.fromkeys(str(v) for v in values if v is not None and not pd.isna(v) and str(v)))


def note(r: dict[str, Any], year: int, lang: Lang) -> str:
    """Why a row's earlier figure is missing, or what it is made of (estimate, units without figures)."""
    if r["before_state"] != "ok":
        return t(WHY[r["before_state"]], lang, year=year)
    parts = [t("sp.estimate", lang, units=r["before_split"])] if r["before_is_estimate"] else []
    if r["before_missing"]:
        parts.append(t("sp.missing", lang, units=r["before_missing"]))
    return "; ".join(parts)


def _sum(values: pd.Series) -> float | None:
    return None if values.isna().all() else float(values.sum())


def total_row(rows: pd.DataFrame, measures: Sequence[str]) -> dict[str, Any]:
    """The earlier year's sums over the rows whose units have figures, and what the sum leaves out."""
    ok = rows[rows["before_state"] == "ok"]
    states = set(rows["before_state"])
    state = "ok" if len(ok) else ("no_indicator" if states == {"no_indicator"} else "no_data")
    return {**{f"before_{m}": _sum(ok[f"before_{m}"]) for m in measures}, "before_state": state,
            "before_is_estimate": bool(ok["before_is_estimate"].any()), "before_split": joined(ok["before_split"]),
            "before_missing": joined(rows["before_missing"])}


def target_totals(units: pd.DataFrame) -> pd.DataFrame:
    """Per indicator (in the rows' order): the earlier year's figures summed over its units."""
    out = [{"indicator_code": code, **total_row(g, ("numerator", "denominator"))}
           for code, g in units.groupby("indicator_code", sort=False)]
    return pd.DataFrame(out)


def _before(r: dict[str, Any], num: str, den: str) -> dict[str, Any]:
    then = pct(r[num], r[den]) if r["before_state"] == "ok" else None
    now = r.get("achieved_pct")
    diff = None if then is None or now is None or pd.isna(now) else float(now) - then
    return {"before_pct": then, "diff_pp": diff}


def _shown(value: Any, column: str, r: dict[str, Any], year: int, lang: Lang) -> str:
    if column in ("indicator", "unit", "note"):
        return str(value)
    if column in HEADLINE and r["before_state"] != "ok":
        return t(WHY[r["before_state"]], lang, year=year)
    if column.endswith("_pct"):
        return fmt_pct(value, lang)
    if column == "diff_people" and value is not None and not pd.isna(value) and value:
        return ("+" if value > 0 else "−") + fmt_int(abs(value), lang)
    return fmt_points(value, lang) if column == "diff_pp" else fmt_int(value, lang)


def table(rows: list[dict[str, Any]], columns: Sequence[str], year: int, lang: Lang) -> Table:
    heads = {c: t(f"sp.col.{c}", lang, year=year) for c in columns}
    shown = pd.DataFrame({heads[c]: [_shown(r[c], c, r, year, lang) for r in rows] for c in columns})
    raw = pd.DataFrame({heads[c]: [r[c] for r in rows] for c in columns})
    return Table(shown, raw)


# ---- the unit mapping ----------------------------------------------------------------------------
def made_of(o: Origin, e: Earlier, lang: Lang, sep: str = " + ") -> str:
    """'Phường 14 + Phường 13 (50%)': the earlier units of a unit, a split one with its share."""
    shares = ["" if p.share == 1 else f" ({fmt_pct(100 * float(p.share), lang, 0)})" for p in o.parts]
    return sep.join(e.unit_name(p.old_code, lang) + share for p, share in zip(o.parts, shares, strict=True))


def mapping(e: Earlier, codes: Sequence[str], plan: Plan, lang: Lang) -> tuple[Table | None, tuple[str, ...]]:
    """The units in scope not simply the same as in the earlier year: what they are made of, and why."""
    changed = [e.origin(c) for c in codes if not e.origin(c).is_unchanged]
    notes = [t("sp.map.unchanged", lang, n=len(codes) - len(changed), year=e.year)] if changed else []
    if any(o.is_estimate for o in changed):
        notes += [vi if lang == "vi" else en for vi, en in e.rules]
    if not changed:
        return None, ()
    rows = [{"unit": unit_name(plan, o.code, lang), "made_of": made_of(o, e, lang) or "—",
             "basis": "; ".join(dict.fromkeys(b for p in o.parts for b in p.bases)) or "—",
             "note": t("sp.map.estimate", lang) if o.is_estimate else "" if o.exists
             else t("sp.no_unit", lang, year=e.year)} for o in changed]
    heads = {c: t(f"sp.map.col.{c}", lang, year=e.year) for c in ("unit", "made_of", "basis", "note")}
    frame = pd.DataFrame(rows).rename(columns=heads)
    return Table(frame, frame), tuple(notes)


def view(e: Earlier, lang: Lang, caption_key: str, rows: Table, notes: Sequence[str],
         codes: Sequence[str], plan: Plan, name: str | None = None) -> SamePeriodView:
    """The section; name: what the earlier period is called (default: the earlier plan's period and year)."""
    found, mapping_notes = mapping(e, codes, plan, lang)
    name = name or e.period(lang)
    return SamePeriodView(t("sp.title", lang, period=name), t(caption_key, lang, period=name),
                          rows, tuple(notes), t("sp.mapping", lang, year=e.year), found, mapping_notes)


def absent_note(e: Earlier, codes: Sequence[str], plan: Plan, lang: Lang) -> list[str]:
    """Today's units left out of the earlier year's sums because they did not exist then."""
    absent = joined(unit_name(plan, c, lang) for c in codes if not e.origin(c).exists)
    return [t("sp.absent", lang, units=absent, year=e.year)] if absent else []


def with_before(r: dict[str, Any], num: str, den: str, year: int, lang: Lang) -> dict[str, Any]:
    """A row with the earlier year's rate, the change in points and the note."""
    return {**r, **_before(r, num, den), "note": note(r, year, lang)}


def draw(v: SamePeriodView, what: str, period: str, key: str) -> None:
    """The comparison's own section: title, how it is computed, the table, what it leaves out, the mapping."""
    st.subheader(v.title)
    st.caption(v.caption)
    st.dataframe(v.table.shown, hide_index=True)
    for line in v.notes:
        st.caption(plain(line))
    st.caption(tr("sp.download"))
    download_buttons(v.table.download, what, period, key=key)
    if v.mapping is None:
        return
    with st.expander(v.mapping_title):
        st.dataframe(v.mapping.shown, hide_index=True)
        for line in v.mapping_notes:
            st.caption(plain(line))
        st.caption(tr("sp.download_mapping"))
        download_buttons(v.mapping.download, f"{what}_mapping", period, key=f"{key}-map")


# ---- participation ------------------------------------------------------------------------------
PARTICIPATION_COLUMNS = ("unit", "n_activities", "before_n_activities", "participants", "before_participants",
                         "diff_people", "women_pct", "before_women_pct", "note")
NOW = ("n_activities", "participants", "women")


def _participation_row(r: dict[str, Any], year: int, lang: Lang) -> dict[str, Any]:
    ok = r["before_state"] == "ok"
    return {**r, "women_pct": pct(r["women"], r["participants"]),
            "before_women_pct": pct(r["before_women"], r["before_participants"]) if ok else None,
            "diff_people": r["participants"] - r["before_participants"] if ok and r["before_participants"] is not None
            else None, "note": note(r, year, lang)}


def participation_view(e: Earlier, now: pd.DataFrame, before: pd.DataFrame, plan: Plan, lang: Lang,
                       quarter: str | None = None) -> SamePeriodView:
    """Per unit in scope (before's rows): this period's activities and participants beside the earlier year's
    (quarter: the one earlier calendar quarter compared, in quarter mode)."""
    rows = before.merge(now.reindex(columns=["unit_code", *NOW]), on="unit_code", how="left")
    rows = rows.assign(**{m: rows[m].fillna(0).astype("int64") for m in NOW},
                       unit=[unit_name(plan, c, lang) for c in rows["unit_code"]])
    rows = rows.astype(object).where(rows.notna(), None)
    whole = {**total_row(rows, ("n_activities", "participants", "women")), "unit": t("sp.total", lang),
             **{m: int(rows[m].sum()) for m in NOW}}
    out = [_participation_row(r, e.year, lang) for r in [whole, *records(rows)]]
    codes = list(before["unit_code"])
    return view(e, lang, "sp.caption.participation", table(out, PARTICIPATION_COLUMNS, e.year, lang),
                absent_note(e, codes, plan, lang), codes, plan, quarter and quarter_label(quarter, lang))
