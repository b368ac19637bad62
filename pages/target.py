"""Target detail: one indicator per unit — bars against the threshold, gaps in people, shares, sources."""

import streamlit as st

import ui.frame
from ui import formats as fm
from ui.activity import SCREEN_ROWS, draw_block
from ui.data import frame
from ui.downloads import download_buttons
from ui.i18n import lang, tr
from ui.layout import read_or_stop
from ui.rollup import rollup_block
from ui.target_charts import shares_figure, unit_bars_figure
from ui.targets import (
    GAP_COLUMNS,
    GAP_SHOWN,
    SHARE_COLUMNS,
    TRACE_COLUMNS,
    UNIT_COLUMNS,
    cards,
    charted,
    draw_card,
    export_table,
    gap_rows,
    indicator_select,
    plotly_config,
    quarter_note,
    shares_caption,
    shown_table,
    unit_rows,
)

f = ui.frame.page("target")
ind = indicator_select(f.plan)
params = f.params()
rows = read_or_stop(lambda: frame("app/target_progress_unit", **params, period=f.period_code, indicator=ind.code))
progress = read_or_stop(lambda: frame("app/target_progress", **params))
total = progress[(progress["period_code"] == f.period_code) & (progress["indicator_code"] == ind.code)]
if f.mode == "quarter":
    st.caption(quarter_note(f.plan, f.quarter, f.period_code))
if rows.empty or total.empty:
    st.info(tr("td.not_reported", code=ind.code))
    st.stop()

if f.level != "unit":
    st.subheader(tr("td.rollup", level=tr(f"unit_type.{f.level}")))
    st.caption(tr("td.rollup_caption"))
    draw_block(read_or_stop(lambda: rollup_block(params, f.level, f.period_code, ind.code, lang())),
               f"rollup_{ind.code}", f.period_code, "td-rollup")

units = unit_rows(rows, f.plan)
drawn = charted(units)
tz, period = f.plan.timezone, f.period_code
if len(drawn) < len(units):
    st.caption(tr("td.capped", shown=len(drawn), total=len(units)))
left, right = st.columns([1.25, 2])
with left:
    with st.container(border=True):
        draw_card(cards(total, f.plan)[0])
    st.markdown(f"**{tr('td.gap')}**")
    if ind.target_pct is None:
        st.info(tr("td.gap_none"))
    else:
        ranked = gap_rows(units)
        st.dataframe(shown_table(ranked.head(SCREEN_ROWS), GAP_SHOWN, tz), hide_index=True)
        download_buttons(export_table(ranked, GAP_COLUMNS), f"gaps_{ind.code}", period, key="td-gaps")
with right:
    st.plotly_chart(unit_bars_figure(drawn, ind), width="stretch", config=plotly_config(f"units_{ind.code}", period))
    carried = drawn.loc[drawn["is_carried_forward"], "unit"]
    if len(carried):
        st.caption(tr("td.carried_note", units=", ".join(fm.plain(u) for u in carried)))
    download_buttons(export_table(units, UNIT_COLUMNS), f"units_{ind.code}", period, key="td-units")

st.plotly_chart(shares_figure(drawn, ind), width="stretch", config=plotly_config(f"shares_{ind.code}", period))
st.caption(shares_caption(total))
download_buttons(export_table(units, SHARE_COLUMNS), f"shares_{ind.code}", period, key="td-shares")

st.subheader(tr("td.trace"))
st.dataframe(shown_table(units.head(SCREEN_ROWS), TRACE_COLUMNS, tz), hide_index=True)
if len(units) > SCREEN_ROWS:
    st.caption(tr("td.rows_shown", shown=SCREEN_ROWS, total=len(units)))
download_buttons(export_table(units, TRACE_COLUMNS), f"sources_{ind.code}", period, key="td-trace")
