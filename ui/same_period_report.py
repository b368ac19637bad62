"""The official report's comparison with the same period of an earlier plan year, carried onto today's units."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from documents.official_report_figures import Compared, Mapping
from i18n import Lang
from plan.model import Plan
from ui.filters import Filters
from ui.reads import frame
from ui.same_period import Earlier, earlier, pct, unit_targets
from ui.same_period_tables import joined, made_of, target_totals
from ui.shaping import unit_name


def mapping(e: Earlier, codes: Sequence[str], plan: Plan, lang: Lang) -> Mapping:
    """What the changed units are made of, under which resolutions, the split units and the units then absent."""
    changed = [e.origin(c) for c in codes if e.origin(c).exists and not e.origin(c).is_unchanged]
    return Mapping(e.year, tuple((unit_name(plan, o.code, lang), made_of(o, e, lang, ", ")) for o in changed),
                   tuple(dict.fromkeys(s for o in changed for p in o.parts for s in p.sources)),
                   joined(e.unit_name(p.old_code, lang) for o in changed for p in o.parts if p.share != 1),
                   joined(unit_name(plan, c, lang) for c in codes if not e.origin(c).exists))


def report_compared(f: Filters, lang: Lang) -> Compared | None:
    """Per indicator, the whole plan area's figures of the same period of the latest earlier plan year, on today's
    units (numerator, denominator, achieved_pct, is_estimate); None without such a year."""
    e = earlier(f)
    if e is None:
        return None
    area = {"plan_id": f.plan.plan_id, "as_of": f.as_of, "unit_types": [], "units": []}
    current = frame("app/target_progress_unit", **area, period=f.period_code, indicator=None)
    if current.empty:
        return None
    totals = target_totals(unit_targets(f, e, current, lang))
    ok = totals[totals["before_state"] == "ok"]
    targets = pd.DataFrame({"indicator_code": ok["indicator_code"], "numerator": ok["before_numerator"],
                            "denominator": ok["before_denominator"],
                            "achieved_pct": [pct(n, d) for n, d in zip(ok["before_numerator"], ok["before_denominator"],
                                                                       strict=True)],
                            "is_estimate": ok["before_is_estimate"]})
    return Compared(e.period(lang), targets, mapping(e, list(dict.fromkeys(current["unit_code"])), f.plan, lang))
