-- Grain: plan × unit of the chosen level, over the quarters chosen: the participation of the units
-- below it that the filters keep. Parameters: $plan_id, $as_of, $level, $unit_types, $units,
-- $quarters (list; empty = all).
select
    unit_code, any_value(unit_type) as unit_type, any_value(unit_name_vi) as unit_name_vi,
    any_value(unit_name_en) as unit_name_en,
    cast(sum(n_activities) as bigint) as n_activities,
    cast(sum(participants) as bigint) as participants,
    cast(sum(men) as bigint) as men,
    cast(sum(women) as bigint) as women,
    cast(sum(ethnic_minority) as bigint) as ethnic_minority,
    cast(sum(materials) as bigint) as materials
from participation_rollup_at($as_of, $level, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
group by unit_code
order by participants, unit_code;
