-- Grain: period × unit (v_reporting_status) as of $as_of.
-- Parameters: $as_of (timestamptz), $period (period code or null for all).
select * exclude (period_ordinal)
from reporting_status_at($as_of)
where ($period is null or period_code = $period)
order by plan_id, period_ordinal, unit_code;
