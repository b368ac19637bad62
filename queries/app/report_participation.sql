-- Grain: activity type × target group, summed over the units and calendar quarters chosen:
-- the consolidated report's participation table. Parameters: $plan_id, $as_of (timestamptz),
-- $unit_types, $units (lists; empty = all), $quarters (list of 'YYYY-Qn'; empty = all).
select
    activity_type, target_group,
    cast(sum(n_activities) as bigint) as n_activities,
    cast(sum(participants) as bigint) as participants,
    cast(sum(men) as bigint) as men,
    cast(sum(women) as bigint) as women,
    cast(sum(ethnic_minority) as bigint) as ethnic_minority,
    cast(sum(materials) as bigint) as materials
from participation_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
group by activity_type, target_group
order by activity_type, target_group;
