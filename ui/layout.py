"""What every page shares: its header, the filters in force, and the warehouse's absence or lock."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from ui.filters import Filters, current_filters
from ui.formats import plain, quarter_label
from ui.i18n import fmt_date, lang, tr
from ui.reads import NoWarehouse, WarehouseBusy, db_path, per_filters
from warehouse.db import WarehouseUnavailable

T = TypeVar("T")


def page_header(title_key: str) -> Filters:
    """Title, and one line saying what the numbers below cover."""
    f = current_filters()
    st.title(tr(title_key))
    p = f.plan.period_by_code[f.period_code]
    period = (p.name_vi if lang() == "vi" else p.name_en) if f.mode == "period" else quarter_label(f.quarter, lang())
    units = ", ".join(f.units) if f.units else ", ".join(tr(f"unit_type.{t}") for t in f.unit_types) or tr("filter.all")
    st.caption(tr("layout.scope", plan=f.plan.area_vi if lang() == "vi" else f.plan.area_en, period=period,
                  units=units, as_of=fmt_date(f.as_of_date)))
    return f


def read_or_stop(read: Callable[[], T]) -> T:
    """Run the page's reads; explain and stop when there is no warehouse or it stays locked."""
    try:
        return read()
    except NoWarehouse:
        st.warning(tr("app.no_warehouse", path=db_path()))
        st.stop()
    except WarehouseBusy:
        st.info(tr("app.warehouse_busy"))
        st.stop()
    except WarehouseUnavailable as exc:
        st.error(tr("app.warehouse_unavailable", path=db_path(), detail=exc.detail[:200]))
        st.stop()
    raise AssertionError("unreachable")


def view_or_stop(build: Callable[[Filters], T], f: Filters) -> T:
    """The page's view model for the filters, built once per filter choice, language and warehouse version and
    shared read-only by every session (for views that depend on nothing else); stops as read_or_stop does."""
    return read_or_stop(lambda: per_filters(build)(f))


__all__ = ["page_header", "plain", "read_or_stop", "view_or_stop"]
