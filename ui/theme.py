"""One colour for each status on every page (the Okabe–Ito palette, safe for colour-blind readers), and the style
sheet that says Streamlit's own widget texts in the chosen language. No streamlit here: ui/charts read the colours."""

from __future__ import annotations

import math

from i18n import Lang, t
from plan.settings import settings

GREEN, ORANGE, VERMILLION, BLUE, SKY, GREY, LIGHT_GREY, YELLOW, PURPLE = (
    "#009E73", "#E69F00", "#D55E00", "#0072B2", "#56B4E9", "#7F7F7F", "#C8C8C8", "#F0E442", "#CC79A7")

TARGET_STATUS = {"met": GREEN, "near": ORANGE, "off_track": VERMILLION, "no_target": BLUE, "no_data": GREY}
REPORT_STATUS = {"on_time": GREEN, "late": ORANGE, "missing": VERMILLION, "not_yet_due": LIGHT_GREY,
                 "nil_report": SKY, "returned": PURPLE}
# Order in legends and heatmaps: best first.
REPORT_ORDER = ("on_time", "nil_report", "late", "returned", "missing", "not_yet_due")
SEX = {"men": BLUE, "women": PURPLE}
MINORITY = SKY  # not orange: orange means 'near' on the same pages
THRESHOLD_LINE = "#333333"
SERIES = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, GREY)
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "pentagon")  # markers of series


# ---- Streamlit's own English words, in the chosen language ---------------------------------------
# Streamlit 1.67 writes a few texts of its widgets in English, with no locale setting (its frontend reads only
# the browser's language, for calendars). These rules put the catalogue's words in their place, each hooked
# on a data-testid or an ARIA attribute, never on generated class names. What stays English: docs/i18n.md.
UPLOAD_TYPES = ("xlsx", "xlsm", "xls", "ods")


def upload_limit_mb() -> int:
    """The largest upload in MB, as the uploader is told (rounded up)."""
    return max(1, math.ceil(settings().max_file_bytes / 2**20))


def _css_text(text: str) -> str:
    """A CSS string literal; quotes, backslashes and markup characters escaped."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;()+/•–-" else f"\\{ord(c):x} " for c in text) + '"'


def builtin_texts_css(lang: Lang) -> str:
    """The style sheet that replaces Streamlit's English widget texts with the catalogue's, in lang."""
    said = {"enter_apply": t("st.enter_apply", lang), "ctrl_enter_submit": t("st.ctrl_enter_submit", lang),
            "upload": t("st.upload", lang), "no_results": t("st.no_results", lang),
            "limit": t("st.upload_limit", lang, mb=upload_limit_mb(), types=", ".join(x.upper() for x in UPLOAD_TYPES))}
    said = {key: _css_text(text) for key, text in said.items()}
    hint = '[data-testid="InputInstructions"]'
    text_input, form_area = '[data-testid="stTextInput"]', '[data-testid="stForm"] [data-testid="stTextArea"]'
    drop = '[data-testid="stFileUploaderDropzone"] > span > button [data-testid="stMarkdownContainer"]'
    empty = '[role="listbox"][data-empty="true"] > [role="option"] > span'
    limits = '[data-testid="stFileUploaderDropzoneInstructions"]'
    return "\n".join([
        f"{text_input} {hint} > span:first-child, {form_area} {hint} > span:first-child {{display: none}}",
        f"{text_input} {hint}:has(> span)::before {{content: {said['enter_apply']}}}",
        f"{form_area} {hint}:has(> span)::before {{content: {said['ctrl_enter_submit']}}}",
        # a text box outside a form holds text to copy (a reminder): nothing of it is "applied"
        f'[data-testid="stTextArea"]:not({form_area}) {hint} {{display: none}}',
        f"{drop} > p {{display: none}}",
        f"{drop}::after {{content: {said['upload']}}}",
        f"{limits} span {{font-size: 0}}",  # the span keeps its colour; its text gives way to the catalogue's
        f"{limits} span::after {{content: {said['limit']}; font-size: 0.875rem}}",
        f"{empty} {{visibility: hidden; position: relative}}",
        f"{empty}::after {{visibility: visible; content: {said['no_results']}; position: absolute; inset: 0;"
        " display: flex; align-items: center; justify-content: center}",
    ])
