"""Target detail: one indicator per unit — bars against the threshold, gaps in people, shares, sources."""

import streamlit as st

import ui.frame
import ui.target
from ui import formats as fm
from ui.activity import SCREEN_ROWS, draw_block
from ui.downloads import download_buttons
from ui.i18n import tr
from ui.layout import read_or_stop
from ui.same_period_tables import draw as draw_same_period
from ui.targets import (
    GAP_COLUMNS,
    GAP_SHOWN,
    SHARE_COLUMNS,
    TRACE_COLUMNS,
    UNIT_COLUMNS,
    draw_card,
    export_table,
    indicator_select,
    plotly_config,
    quarter_note,
    shown_table,
)

f = ui.frame.page("target")
ind = indicator_select(f.plan)
v = read_or_stop(lambda: ui.target.view(f, ind))
if f.mode == "quarter":
    st.caption(quarter_note(f.plan, f.quarter, f.period_code))
if v is None:
    st.info(tr("td.not_reported", code=ind.code))
    st.stop()

if v.rollup is not None:
    st.subheader(tr("td.rollup", level=tr(f"unit_type.{f.level}")))
    st.caption(tr("td.rollup_caption"))
    draw_block(v.rollup, f"rollup_{ind.code}", f.period_code, "td-rollup")

tz, period = f.plan.timezone, f.period_code
if v.n_charted < len(v.units):
    st.caption(tr("td.capped", shown=v.n_charted, total=len(v.units)))
left, right = st.columns([1.25, 2])
with left:
    with st.container(border=True):
        draw_card(v.card)
    st.markdown(f"**{tr('td.gap')}**")
    if v.gaps is None:
        st.info(tr("td.gap_none"))
    else:
        st.dataframe(shown_table(v.gaps.head(SCREEN_ROWS), GAP_SHOWN, tz), hide_index=True)
        download_buttons(export_table(v.gaps, GAP_COLUMNS), f"gaps_{ind.code}", period, key="td-gaps")
with right:
    st.plotly_chart(v.bars, width="stretch", config=plotly_config(f"units_{ind.code}", period))
    if v.carried:
        st.caption(tr("td.carried_note", units=", ".join(fm.plain(u) for u in v.carried)))
    download_buttons(export_table(v.units, UNIT_COLUMNS), f"units_{ind.code}", period, key="td-units")

st.plotly_chart(v.shares, width="stretch", config=plotly_config(f"shares_{ind.code}", period))
st.caption(v.shares_caption)
download_buttons(export_table(v.units, SHARE_COLUMNS), f"shares_{ind.code}", period, key="td-shares")

st.subheader(tr("td.trace"))
st.dataframe(shown_table(v.units.head(SCREEN_ROWS), TRACE_COLUMNS, tz), hide_index=True)
if len(v.units) > SCREEN_ROWS:
    st.caption(tr("td.rows_shown", shown=SCREEN_ROWS, total=len(v.units)))
download_buttons(export_table(v.units, TRACE_COLUMNS), f"sources_{ind.code}", period, key="td-trace")

same = read_or_stop(lambda: ui.target.same_period(f, ind))
if same is not None:
    st.divider()
    draw_same_period(same, f"same_period_{ind.code}", period, key="td-same")
