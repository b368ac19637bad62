-- Grain: quarter × unit × activity type × target group (v_participation) as of $as_of.
-- Parameters: $as_of (timestamptz), $period (period code: its quarter only; null for all).
select *
from participation_at($as_of) as v
where $period is null
    or v.quarter = (select any_value(quarter) from periods where period_code = $period and plan_id = v.plan_id)
order by plan_id, quarter, unit_code, activity_type, target_group;
