-- Grain: plan × calendar quarter × unit × activity type × target group (the columns of
-- v_participation), as the filters show it. Parameters: $plan_id, $as_of (timestamptz),
-- $unit_types, $units (lists; empty = all), $quarters (list of 'YYYY-Qn'; empty = all).
select *
from participation_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
order by quarter, unit_code, activity_type, target_group;
