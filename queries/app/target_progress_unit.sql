-- Grain: plan × period × indicator × unit, for the units chosen in the filters, as of $as_of.
-- Parameters: $plan_id, $as_of, $unit_types, $units, $period (null = all), $indicator (null = all).
select * exclude (indicator_ordinal, target_bp)
from target_progress_unit_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id
    and ($period is null or period_code = $period)
    and ($indicator is null or indicator_code = $indicator)
order by period_ordinal, indicator_ordinal, unit_code;
