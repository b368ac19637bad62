-- Grain: one row per unit of an earlier plan year that reported activities in the calendar quarters
-- given, as of $as_of: the participation measures summed, to map onto the current plan's units.
-- Parameters: $plan_id, $as_of (timestamptz), $quarters (list of 'YYYY-Qn').
select
    unit_code,
    unnest(participation_sums(n_activities, participants, men, women, ethnic_minority, materials))
from participation_at($as_of)
where plan_id = $plan_id and list_contains($quarters, quarter)
group by unit_code
order by unit_code;
