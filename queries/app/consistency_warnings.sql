-- Grain: one row per consistency warning (unit × period × indicator × kind) as of $as_of, for the
-- plan and the units chosen in the filters. Parameters: $plan_id, $as_of, $unit_types, $units.
select w.*
from consistency_warnings_at($as_of, units := $units,
    skip := (select coalesce(list(plan_id), []) from plans where plan_id <> $plan_id)) as w
join units as u on u.plan_id = w.plan_id and u.unit_code = w.unit_code
where w.plan_id = $plan_id and (len($unit_types) = 0 or list_contains($unit_types, u.unit_type))
order by w.period_ordinal, w.unit_code, w.indicator_code nulls first;
