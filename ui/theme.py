"""One colour for each status on every page: the Okabe–Ito palette, safe for colour-blind readers."""

from __future__ import annotations

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
