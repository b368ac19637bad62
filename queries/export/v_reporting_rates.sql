-- Grain: period × unit type (v_reporting_rates) as of $as_of.
-- Parameters: $as_of (timestamptz), $period (period code or null for all).
select * exclude (period_ordinal)
from reporting_rates_at($as_of)
where ($period is null or period_code = $period)
order by plan_id, period_ordinal, unit_type;
