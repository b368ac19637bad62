-- Participation summed four ways for the page (by activity type, target group, quarter and unit)
-- plus the total: a few thousand rows even for a national plan, instead of every unit × quarter ×
-- type × group row. `dimension` names the grouping of each row.
-- Parameters: $plan_id, $as_of, $unit_types, $units, $quarters (list; empty = all).
select
    case
        when grouping(activity_type) = 0 then 'activity_type'
        when grouping(target_group) = 0 then 'target_group'
        when grouping(quarter) = 0 then 'quarter'
        when grouping(unit_code) = 0 then 'unit_code'
        else 'total'
    end as dimension,
    activity_type, target_group, quarter, unit_code,
    unnest(participation_sums(n_activities, participants, men, women, ethnic_minority, materials))
from participation_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
group by grouping sets ((activity_type), (target_group), (quarter), (unit_code), ())
order by dimension, activity_type, target_group, quarter, unit_code;
