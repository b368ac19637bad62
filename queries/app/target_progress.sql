-- Grain: plan × period × indicator, over the units chosen in the filters, as of $as_of.
-- Parameters: $plan_id, $as_of (timestamptz), $unit_types, $units (lists; empty = all).
select * exclude (indicator_ordinal)
from target_progress_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id
order by period_ordinal, indicator_ordinal;
