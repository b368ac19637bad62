"""Page under construction in this change."""

from ui.layout import page_header

page_header("page.participation")
