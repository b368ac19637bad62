-- Grain: one row per calendar quarter of one plan, summed over the units chosen: the official report's
-- Action Month paragraph (the quarter holding it). Parameters: $plan_id, $as_of (timestamptz),
-- $unit_types, $units (lists; empty = all), $quarters (list of 'YYYY-Qn'; empty = all).
select
    quarter,
    unnest(participation_sums(n_activities, participants, men, women, ethnic_minority, materials))
from participation_at($as_of, unit_types := $unit_types, units := $units)
where plan_id = $plan_id and (len($quarters) = 0 or list_contains($quarters, quarter))
group by quarter
order by quarter;
