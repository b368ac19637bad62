-- Grain: plan × calendar quarter × unit × activity type × target group (the columns of
-- v_participation) as of $as_of, under the optional filters. The one file behind the Data page,
-- `python -m etl export` and the view benchmark. Parameters: $as_of (timestamptz), $plan_id (null =
-- every plan), $unit_types, $units (lists; empty = all), $quarters (list of 'YYYY-Qn'; empty =
-- all), $period (period code: the calendar quarter it stands for; null = every quarter).
select *
from participation_at($as_of, unit_types := $unit_types, units := $units) as v
where ($plan_id is null or v.plan_id = $plan_id)
    and (len($quarters) = 0 or list_contains($quarters, v.quarter))
    and ($period is null or v.quarter = (
        select any_value(p.quarter) from periods as p where p.period_code = $period and p.plan_id = v.plan_id))
order by plan_id, quarter, unit_code, activity_type, target_group;
