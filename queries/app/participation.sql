-- Grain: plan × quarter × unit × activity type × target group, for the units and quarters chosen.
-- Parameters: $plan_id, $as_of, $unit_types, $units, $quarters (list; empty = all).
select *
from participation_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
order by quarter, unit_code, activity_type, target_group;
