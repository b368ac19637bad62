-- Grain: one row per unit of one plan, with its validity: the earlier plan year's units, to map onto
-- the chosen plan's through the crosswalk. Parameters: $plan_id.
select unit_code, name_vi, name_en, unit_type, gso_code, parent_code, valid_from, valid_to
from units
where plan_id = $plan_id
order by unit_code;
