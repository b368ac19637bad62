"""Participation: activities and participants by type, target group, sex, ethnic minority, unit and quarter."""

import streamlit as st

import ui.frame
from ui import activity as ac
from ui import formats as fm
from ui import participation as pa
from ui.i18n import lang, tr
from ui.layout import read_or_stop
from ui.rollup import participation_rollup_block

f = ui.frame.page("participation")
lg = lang()
scope = f.period_code if f.mode == "period" else f.quarter  # names the downloaded files
view = read_or_stop(lambda: pa.view(f.params(), f.quarters, f.period_code, lg))
if view is None:
    st.info(tr("pa.empty"))
    st.stop()

for col, key in zip(st.columns(5), ("n_activities", "participants", "women_pct", "ethnic_minority", "materials"),
                    strict=True):
    value = view.totals[key]
    col.metric(tr(f"pa.kpi.{key}"), fm.fmt_pct(value, lg) if key.endswith("_pct") else fm.fmt_int(value, lg))

if f.level != "unit":
    st.subheader(tr("pa.rollup", level=tr(f"unit_type.{f.level}")))
    ac.draw_block(read_or_stop(lambda: participation_rollup_block(f.params(), f.level, f.quarters, lg)),
                  f"participation-rollup-{f.level}", scope, "pa-rollup")

tabs = st.tabs([tr(f"pa.tab.{d}") for d in (*pa.DIMENSIONS, "outreach")])
for tab, dim in zip(tabs, pa.DIMENSIONS, strict=False):
    with tab:
        st.caption(tr("pa.chart.minority_note"))
        if dim == "unit_code" and len(view.blocks[dim].table) > pa.CHART_UNITS:
            st.caption(tr("pa.capped", shown=pa.CHART_UNITS, total=fm.fmt_int(len(view.blocks[dim].table), lg)))
        ac.draw_block(view.blocks[dim], f"participation-{dim}", scope, f"pa-{dim}")

with tabs[-1]:
    indicator = f.plan.indicator_by_code.get(pa.OUTREACH_INDICATOR)
    if indicator is None:
        st.info(tr("pa.outreach.no_indicator", code=pa.OUTREACH_INDICATOR))
    else:
        st.caption(tr("pa.outreach.caption", code=indicator.code,
                      name=indicator.name_vi if lg == "vi" else indicator.name_en,
                      period=ac.period_name(f.plan, f.period_code, lg),
                      quarters=", ".join(fm.quarter_label(q, lg) for q in f.quarters)))
    ac.draw_block(view.blocks["outreach"], "participation-outreach", scope, "pa-outreach")
