-- Grain: plan × unit of the chosen level, over the quarters chosen: the participation of the units
-- below it that the filters keep. Parameters: $plan_id, $as_of, $level, $unit_types, $units,
-- $quarters (list; empty = all).
with summed as (
    select
        unit_code, any_value(unit_type) as unit_type, any_value(unit_name_vi) as unit_name_vi,
        any_value(unit_name_en) as unit_name_en,
        unnest(participation_sums(n_activities, participants, men, women, ethnic_minority, materials))
    from participation_rollup_at($as_of, $level, unit_types := $unit_types, units := $units)
    where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
    group by unit_code
)

select * from summed
order by participants, unit_code;
