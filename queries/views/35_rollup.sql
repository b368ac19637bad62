-- Grain: one row per plan × unit × ancestor (the unit itself at depth 0, its parent at 1, …):
-- the plan's hierarchy (country → province → commune) flattened for roll-ups.
create or replace macro unit_ancestors() as table
with recursive up(plan_id, unit_code, ancestor_code, depth) as (
    select plan_id, unit_code, unit_code, 0 from units
    union all
    select up.plan_id, up.unit_code, u.parent_code, up.depth + 1
    from up
    join units as u on u.plan_id = up.plan_id and u.unit_code = up.ancestor_code
    where u.parent_code is not null and up.depth < 20
)
select up.*, a.unit_type as ancestor_type, a.name_vi as ancestor_name_vi, a.name_en as ancestor_name_en
from up
join units as a on a.plan_id = up.plan_id and a.unit_code = up.ancestor_code;

-- Grain: one row per plan × period × indicator × unit of type $level (e.g. 'province'), summing
-- every unit below it (carried-forward values included, as in v_target_progress). Parameters:
-- as_of (timestamptz), level (unit type); optional unit_types / units (lists; empty = all) restrict
-- the units summed.
create or replace macro target_progress_rollup_at(as_of, level, unit_types := [], units := []) as table
with unit_rows as (
    select t.*, a.ancestor_code, a.ancestor_type, a.ancestor_name_vi, a.ancestor_name_en
    from target_progress_unit_at(as_of, unit_types := unit_types, units := units) as t
    join unit_ancestors() as a on a.plan_id = t.plan_id and a.unit_code = t.unit_code
    where a.ancestor_type = level
),

sums as (
    select
        plan_id, period_code, indicator_code, ancestor_code as unit_code,
        any_value(ancestor_type) as unit_type, any_value(ancestor_name_vi) as unit_name_vi,
        any_value(ancestor_name_en) as unit_name_en, any_value(target_pct) as target_pct,
        any_value(target_bp) as target_bp, any_value(period_ordinal) as period_ordinal,
        any_value(indicator_ordinal) as indicator_ordinal,
        cast(sum(numerator) as bigint) as numerator, cast(sum(denominator) as bigint) as denominator,
        cast(sum(women) as bigint) as women, cast(sum(ethnic_minority) as bigint) as ethnic_minority,
        count(*) filter (where has_report) as units_reporting, count(*) as units_expected
    from unit_rows
    group by plan_id, period_code, indicator_code, ancestor_code
),

final as (
    select
        plan_id, period_code, indicator_code, unit_code, unit_type, unit_name_vi, unit_name_en,
        numerator, denominator, women, ethnic_minority,
        case when denominator > 0 then 100.0 * numerator / denominator end as achieved_pct, target_pct,
        case when target_bp is not null and denominator > 0 then numerator * 10000 >= target_bp * denominator end
            as is_met,
        case when target_bp is not null and denominator is not null
            then greatest(0, (target_bp * denominator + 9999) // 10000 - numerator) end as gap_people,
        units_reporting, units_expected, period_ordinal, indicator_ordinal
    from sums
)

select * from final;
