"""Review: one unit's report for the period — versions, what changed, receipt date, return (two kinds), void;
for a data manager, the failed sign-ins too."""

import streamlit as st

import ui.frame
import ui.review as rv
from ui.activity import draw_block
from ui.formats import plain
from ui.i18n import tr
from ui.layout import read_or_stop

FLASH_KEY = "review_flash"
f = ui.frame.page("review")
period = f.period_code
units = rv.choices(f)
unit = str(st.selectbox(tr("up.unit"), list(units), format_func=units.__getitem__, key="review_unit"))
if FLASH_KEY in st.session_state:
    kind, text = st.session_state.pop(FLASH_KEY)
    (st.error if kind == "error" else st.success)(text)
if (signins := rv.signins(f)) is not None:
    with st.expander(tr("review.signins", count=len(signins.table)), icon=":material/lock_person:"):
        st.caption(tr("review.signins_help" if len(signins.table) else "review.signins_none"))
        if len(signins.table):
            draw_block(signins, "sign-ins", period, "rv-signins")

v = read_or_stop(lambda: rv.view(f, unit, units))
if v.history is None or v.audit is None or v.latest is None:
    st.info(tr("review.none", unit=v.unit))
    st.stop()
st.subheader(tr("review.history"))
draw_block(v.history, "versions", period, "rv-history")

versions = list(v.versions)
if len(versions) > 1:
    st.subheader(tr("review.diff"))
    left, right = st.columns(2)
    old = left.selectbox(tr("review.from"), versions, index=len(versions) - 2, key="review_old")
    new = right.selectbox(tr("review.to"), versions, index=len(versions) - 1, key="review_new")
    values, acts = rv.diff(f, v, int(old), int(new))
    if values.table.empty and acts.table.empty:
        st.info(tr("review.same"))
    if not values.table.empty:
        draw_block(values, "version-diff", period, "rv-diff-values")
    if not acts.table.empty:
        draw_block(acts, "version-diff-activities", period, "rv-diff-acts")

st.subheader(tr("review.audit"))
draw_block(v.audit, "audit", period, "rv-audit")
if not v.may_decide:
    st.stop()

st.subheader(tr("review.decide"))
latest, who = v.latest, v.identity
with st.form("review_return", clear_on_submit=True):
    if latest.is_returned:
        kind_note = tr("review.corrected") if latest.is_correction else ""
        st.caption(tr("review.is_returned", version=latest.version, reason=plain(latest.returned_reason)))
        if kind_note:
            st.caption(kind_note)
        if st.form_submit_button(tr("review.withdraw")):
            rv.flash(rv.do_withdraw(latest.submission_id, who), "review.withdrawn")
            st.rerun()
    else:
        kind = st.radio(tr("review.col.return_kind"), rv.RETURN_KINDS, format_func=rv.kind_label,
                        key="review_kind", horizontal=True)
        reason = st.text_area(tr("review.reason"), max_chars=1000, key="review_reason")
        if st.form_submit_button(tr("review.return", version=latest.version), type="primary"):
            rv.flash(rv.do_return(latest.submission_id, reason, kind, who), "review.returned")
            st.rerun()
live = [n for n in versions if n not in v.voided]
if live:
    with st.form("review_void", clear_on_submit=True):
        chosen = st.selectbox(tr("review.version"), live, index=len(live) - 1, key="review_void_version")
        why = st.text_area(tr("review.void_reason"), max_chars=1000, key="review_void_reason")
        if st.form_submit_button(tr("review.void", version=chosen)):
            rv.flash(rv.do_void(v.versions[int(chosen)], why, who), "review.voided")
            st.rerun()
if v.voided:
    with st.form("review_restore"):
        back = st.selectbox(tr("review.version"), list(v.voided), key="review_restore_version")
        if st.form_submit_button(tr("review.restore_void", version=back)):
            rv.flash(rv.do_restore_void(v.versions[int(back)], who), "review.restored")
            st.rerun()
with st.form("review_receipt"):
    st.caption(tr("review.receipt_help"))
    version = st.selectbox(tr("review.version"), versions, index=len(versions) - 1)
    day = st.date_input(tr("review.receipt_day"), value=None, format="DD/MM/YYYY", key="review_day")
    if st.form_submit_button(tr("review.set_receipt")):
        chosen = v.versions[int(version)]
        rv.flash(rv.do_receipt(chosen, day, f.plan, who) if day else tr("review.no_day"), "review.receipt_set")
        st.rerun()
