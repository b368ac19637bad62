"""Review: one unit's report for the period — versions, what changed, receipt date, return for correction."""

import streamlit as st

import ui.frame
from ui import review as rv
from ui.activity import draw_block
from ui.auth import current_identity
from ui.formats import plain
from ui.i18n import lang, tr
from ui.layout import read_or_stop

FLASH_KEY = "review_flash"
f = ui.frame.page("review")
plan, period, lg = f.plan, f.period_code, lang()
who = current_identity()
own = who.units if who else ()
units = rv.unit_choices(plan, period, own, lg)
unit = str(st.selectbox(tr("up.unit"), list(units), format_func=units.__getitem__, key="review_unit"))
if FLASH_KEY in st.session_state:
    kind, text = st.session_state.pop(FLASH_KEY)
    (st.error if kind == "error" else st.success)(text)

rows = read_or_stop(lambda: rv.history(plan, unit, period, rv.this_minute(), lg))
if rows.empty:
    st.info(tr("review.none", unit=units[unit]))
    st.stop()
st.subheader(tr("review.history"))
draw_block(rv.history_block(rows, lg), "versions", period, "rv-history")

if len(rows) > 1:
    st.subheader(tr("review.diff"))
    ids = rv.submission_ids(rows)
    versions = list(ids)
    left, right = st.columns(2)
    old = left.selectbox(tr("review.from"), versions, index=len(versions) - 2, key="review_old")
    new = right.selectbox(tr("review.to"), versions, index=len(versions) - 1, key="review_new")
    values, acts = rv.diff_blocks(ids[old], ids[new], plan, lg)
    if values.table.empty and acts.table.empty:
        st.info(tr("review.same"))
    if not values.table.empty:
        draw_block(values, "version-diff", period, "rv-diff-values")
    if not acts.table.empty:
        draw_block(acts, "version-diff-activities", period, "rv-diff-acts")

st.subheader(tr("review.audit"))
draw_block(rv.audit_block(plan, unit, period, lg), "audit", period, "rv-audit")
if who is None or not who.can("review"):
    st.stop()

st.subheader(tr("review.decide"))
latest = rv.latest(rows)
sid = int(latest["submission_id"])
with st.form("review_return", clear_on_submit=True):
    if latest["is_open"] == "returned":
        st.caption(tr("review.is_returned", version=int(latest["version"]), reason=plain(latest["returned_reason"])))
        if st.form_submit_button(tr("review.withdraw")):
            rv.flash(rv.do_withdraw(sid, who), "review.withdrawn")
            st.rerun()
    else:
        reason = st.text_area(tr("review.reason"), max_chars=1000, key="review_reason")
        if st.form_submit_button(tr("review.return", version=int(latest["version"])), type="primary"):
            rv.flash(rv.do_return(sid, reason, who), "review.returned")
            st.rerun()
with st.form("review_receipt"):
    st.caption(tr("review.receipt_help"))
    version = st.selectbox(tr("review.version"), list(rv.submission_ids(rows)), index=len(rows) - 1)
    day = st.date_input(tr("review.receipt_day"), value=None, format="DD/MM/YYYY", key="review_day")
    if st.form_submit_button(tr("review.set_receipt")):
        chosen = rv.submission_ids(rows)[int(version)]
        rv.flash(rv.do_receipt(chosen, day, plan, who) if day else tr("review.no_day"), "review.receipt_set")
        st.rerun()
