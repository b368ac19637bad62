"""Templates and upload: pre-filled templates out, returned workbooks in, every problem shown."""

import streamlit as st

import ui.frame
from ui.activity import draw_block
from ui.auth import current_identity
from ui.i18n import lang, tr
from ui.upload import (
    UPLOAD_FAILURES,
    XLSX_MIME,
    annotated_bytes,
    annotated_name,
    limits_text,
    load_uploads,
    max_upload_mb,
    problems_frame,
    results_frame,
    summary,
    template_bytes,
    templates_zip,
    upload_failure,
    warnings_of,
)

RESULT_KEY = "upload_result"
SOURCES_KEY = "upload_sources"
f = ui.frame.page("upload")
plan, period = f.plan, f.period_code

st.subheader(tr("up.templates"))
st.caption(tr("up.templates_help"))
who = current_identity()
own = who.units if who else ()
units = {u.code: u.name_vi if lang() == "vi" else u.name_en for u in plan.expected_units(period)
         if not own or u.code in own}
unit = st.selectbox(tr("up.unit"), list(units), format_func=units.__getitem__, key="upload_unit")
left, right = st.columns(2)
left.download_button(tr("up.one_template"), lambda: template_bytes(plan, str(unit), period),
                     f"{period}_{unit}.xlsx", XLSX_MIME, on_click="ignore", width="stretch", key="tpl_one")
if not own:
    right.download_button(tr("up.all_templates"), lambda: templates_zip(plan, period), f"bieu-mau_{period}.zip",
                          "application/zip", on_click="ignore", width="stretch", key="tpl_all")

st.subheader(tr("up.upload"))
st.caption(limits_text())
with st.form("upload_form", clear_on_submit=True):
    files = st.file_uploader(tr("up.files"), type=["xlsx", "xlsm", "xls", "ods"], accept_multiple_files=True,
                             max_upload_size=max_upload_mb())
    day = st.date_input(tr("up.receipt_day"), value=None, format="DD/MM/YYYY", help=tr("up.receipt_help"),
                        key="upload_receipt_day") if who and who.can("review") else None
    submitted = st.form_submit_button(tr("up.submit"), type="primary")
if submitted and not files:
    st.info(tr("up.none"))
elif submitted:
    bar = st.progress(0.0)
    try:
        st.session_state[RESULT_KEY] = load_uploads(files, plan, bar, who, day)
        st.session_state[SOURCES_KEY] = [upload.getvalue() for upload in files]
    except UPLOAD_FAILURES as exc:
        st.warning(upload_failure(exc))
    bar.empty()

result = st.session_state.get(RESULT_KEY)
if result is not None:
    (st.error if result.count("rejected") else st.success)(summary(result))
    st.subheader(tr("up.results"))
    st.dataframe(results_frame(result, lang()), hide_index=True)
    warnings = warnings_of(result, plan)
    if not warnings.table.empty:
        st.subheader(tr("rp.warnings.title"))
        st.caption(tr("rp.warnings.caption"))
        draw_block(warnings, "consistency-warnings", period, "up-warnings")
    problems = problems_frame(result, lang())
    if len(problems):
        st.subheader(tr("up.problems"))
        st.dataframe(problems, hide_index=True)
        st.caption(tr("up.annotated_help"))
        sources = st.session_state.get(SOURCES_KEY, [])
        for n, (item, data) in enumerate(zip(result.files, sources, strict=False)):
            if item.outcome == "rejected":
                st.download_button(tr("up.annotated", file=item.file_name),
                                   lambda data=data, item=item: annotated_bytes(data, item, lang()),
                                   annotated_name(item.file_name), XLSX_MIME, on_click="ignore", key=f"annot-{n}")
