-- Grain: activity type × target group, summed over the units and calendar quarters chosen:
-- the consolidated report's participation table. Parameters: $plan_id, $as_of (timestamptz),
-- $unit_types, $units (lists; empty = all), $quarters (list of 'YYYY-Qn'; empty = all).
select
    activity_type, target_group,
    unnest(participation_sums(n_activities, participants, men, women, ethnic_minority, materials))
from participation_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
group by activity_type, target_group
order by activity_type, target_group;
