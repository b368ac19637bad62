"""Templates and upload: pre-filled templates out, returned workbooks in, every problem shown."""

import streamlit as st

import ui.frame
import ui.upload as up
from ui.activity import draw_block
from ui.i18n import tr
from ui.theme import UPLOAD_TYPES

RESULT_KEY = "upload_result"
SOURCES_KEY = "upload_sources"
f = ui.frame.page("upload")
plan, period = f.plan, f.period_code
v = up.view(f)

st.subheader(tr("up.templates"))
st.caption(tr("up.templates_help"))
left, right = st.columns(2)
tpl = str(left.selectbox(tr("up.template_period"), list(v.periods), index=list(v.periods).index(v.period),
                         format_func=v.periods.__getitem__, key="template_period"))
units = up.template_units(plan, tpl, v.identity)
unit = right.selectbox(tr("up.unit"), list(units), format_func=units.__getitem__, key="upload_unit")
left, right = st.columns(2)
left.download_button(tr("up.one_template"), lambda: up.template_bytes(plan, str(unit), tpl),
                     f"{tpl}_{unit}.xlsx", up.XLSX_MIME, on_click="ignore", width="stretch", key="tpl_one")
if v.all_templates:
    right.download_button(tr("up.all_templates"), lambda: up.templates_zip(plan, tpl), f"bieu-mau_{tpl}.zip",
                          "application/zip", on_click="ignore", width="stretch", key="tpl_all")

st.subheader(tr("up.upload"))
st.caption(v.limits)
with st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader(tr("up.files"), type=list(UPLOAD_TYPES), accept_multiple_files=True,
                             max_upload_size=v.max_mb)
    day = st.date_input(tr("up.receipt_day"), value=None, format="DD/MM/YYYY", help=tr("up.receipt_help"),
                        key="upload_receipt_day") if v.may_date else None
    submitted = st.form_submit_button(tr("up.submit"), type="primary")
if submitted and not files:
    st.info(tr("up.none"))
elif submitted:
    bar = st.progress(0.0)
    try:
        st.session_state[RESULT_KEY] = up.load_uploads(files, plan, bar, v.identity, day)
        st.session_state[SOURCES_KEY] = [upload.getvalue() for upload in files]
    except up.UPLOAD_FAILURES as exc:
        st.warning(up.upload_failure(exc))
    bar.empty()

result = st.session_state.get(RESULT_KEY)
if result is not None:
    r = up.result_view(result, st.session_state.get(SOURCES_KEY, []), plan)
    (st.error if r.failed else st.success)(r.summary)
    st.subheader(tr("up.results"))
    st.dataframe(r.results, hide_index=True)
    if not r.warnings.table.empty:
        st.subheader(tr("rp.warnings.title"))
        st.caption(tr("rp.warnings.caption"))
        draw_block(r.warnings, "consistency-warnings", period, "up-warnings")
    if len(r.problems):
        st.subheader(tr("up.problems"))
        st.dataframe(r.problems, hide_index=True)
        st.caption(tr("up.annotated_help"))
        for copy in r.annotated:
            st.download_button(copy.label, copy.data, copy.name, copy.mime, on_click="ignore", key=copy.key)
