-- Grain: one row per expected unit for one period: the consolidated report's reporting-status
-- table. Parameters: $plan_id, $as_of (timestamptz), $unit_types, $units (lists; empty = all),
-- $period (period code).
select unit_code, unit_type, unit_name_vi, unit_name_en, due_on, first_received_at, n_versions, status,
    coalesce(is_on_time, false) as is_on_time, days_late
from reporting_status_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and period_code = $period
order by unit_code;
