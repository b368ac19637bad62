-- Grain: one row per plan × calendar quarter × unit of type $level, summing the participation of
-- every unit below it (activities counted once, as in v_participation). Parameters: as_of
-- (timestamptz), level (unit type); optional unit_types / units (lists; empty = all) restrict the
-- units summed.
create or replace macro participation_rollup_at(as_of, level, unit_types := [], units := []) as table
with summed as (
    select
        p.plan_id, p.quarter, a.ancestor_code as unit_code, any_value(a.ancestor_type) as unit_type,
        any_value(a.ancestor_name_vi) as unit_name_vi, any_value(a.ancestor_name_en) as unit_name_en,
        unnest(participation_sums(p.n_activities, p.participants, p.men, p.women, p.ethnic_minority, p.materials))
    from participation_at(as_of, unit_types := unit_types, units := units) as p
    join unit_ancestors() as a on a.plan_id = p.plan_id and a.unit_code = p.unit_code
    where a.ancestor_type = level
    group by p.plan_id, p.quarter, a.ancestor_code
)

select * from summed;
