"""Reporting: who sent which report when, the rates, days late, and a ready-to-send reminder list."""

import streamlit as st

import ui.frame
from ui import activity as ac
from ui import formats as fm
from ui import reporting as rp
from ui import review as rv
from ui.i18n import fmt_date, lang, tr
from ui.layout import read_or_stop
from ui.rollup import reporting_rollup_block

UPCOMING_KEY = "rp_include_upcoming"
MESSAGES_SHOWN = 30  # the rest are in the .txt download

f = ui.frame.page("reporting")
lg = lang()
period = ac.period_name(f.plan, f.period_code, lg)
as_of = fmt_date(f.as_of_date)
upcoming = bool(st.session_state.get(UPCOMING_KEY, False))
view = read_or_stop(lambda: rp.view(f.params(), f.period_code, f.as_of_date, upcoming, lg))
if view is None:
    st.info(tr("rp.empty"))
    st.stop()

for col, key in zip(st.columns(len(rp.KPIS)), rp.KPIS, strict=True):
    value = fm.fmt_pct(view.kpis.get(key), lg) if key.endswith("_pct") else fm.fmt_int(view.kpis.get(key), lg)
    label = tr("rp.kpi.overdue") if key == "missing" else tr(f"rp.kpi.{key}")
    col.metric(label, value, help=tr("rp.kpi.help", period=period, as_of=as_of))

st.subheader(tr("rp.matrix.title"))
st.caption(tr("rp.matrix.caption"))
if view.charted_units:
    st.caption(tr("rp.capped", shown=view.charted_units, total=fm.fmt_int(view.units_total, lg)))
ac.draw_chart(view.heatmap, "reporting-status")
with st.expander(tr("rp.matrix.table")):
    ac.draw_block(view.status, "reporting-status", "all", "rp-status")

if f.level != "unit":
    st.subheader(tr("rp.rollup", level=tr(f"unit_type.{f.level}"), period=period))
    ac.draw_block(read_or_stop(lambda: reporting_rollup_block(f.params(), f.level, f.period_code, lg)),
                  f"reporting-rollup-{f.level}", f.period_code, "rp-rollup")

st.subheader(tr("rp.rates.title"))
ac.draw_block(view.rates, "reporting-rates", "all", "rp-rates")

st.subheader(tr("rp.late.title", period=period))
if view.days_late is None:
    st.info(tr("rp.late.none", period=period, as_of=as_of))
else:
    ac.draw_chart(view.days_late, "reporting-days-late")

st.subheader(tr("rp.reminders.title", period=period))
st.toggle(tr("rp.reminders.upcoming"), key=UPCOMING_KEY)
if not view.messages:
    st.success(tr("rp.reminders.none", period=period, as_of=as_of))
else:
    ac.draw_block(view.reminders, "reminders", f.period_code, "rp-reminders")
    ac.download_text(view.messages_text, tr("rp.reminders.txt"), "reminders", f.period_code, "rp-reminders-txt")
    with st.expander(tr("rp.reminders.messages"), expanded=True):
        for unit, contact, message in view.messages[:MESSAGES_SHOWN]:
            st.markdown(f"**{fm.plain(unit)}** · {fm.plain(contact)}")
            st.code(message, language=None, wrap_lines=True)
        if len(view.messages) > MESSAGES_SHOWN:
            st.caption(tr("rp.more_messages", n=len(view.messages) - MESSAGES_SHOWN))

st.subheader(tr("rp.warnings.title"))
st.caption(tr("rp.warnings.caption"))
warnings = read_or_stop(lambda: rv.warnings_block(f.params(), f.plan, lg))
if warnings.table.empty:
    st.success(tr("rp.warnings.none"))
else:
    ac.draw_block(warnings, "consistency-warnings", "all", "rp-warnings")
