-- Grain: at most one row per comparison the official report makes for $period of $plan_id:
-- 'previous' (the period before it in the same plan) and 'last_year' (the period in the same place
-- of the plan year before, for the same area; only when that plan year is in the warehouse).
-- Parameters: $plan_id, $period (period code).
with chosen as (
    select p.plan_id, p.ordinal, pl.area_vi, pl.year
    from periods as p
    join plans as pl on pl.plan_id = p.plan_id
    where p.plan_id = $plan_id and p.period_code = $period
),

previous as (
    select 'previous' as comparison, p.plan_id, p.period_code, p.name_vi, p.name_en, c.year
    from chosen as c
    join periods as p on p.plan_id = c.plan_id and p.ordinal = c.ordinal - 1
),

last_year as (
    select 'last_year' as comparison, p.plan_id, p.period_code, p.name_vi, p.name_en, pl.year
    from chosen as c
    join plans as pl on pl.area_vi = c.area_vi and pl.year = c.year - 1
    join periods as p on p.plan_id = pl.plan_id and p.ordinal = c.ordinal
),

final as (
    select * from previous
    union all
    select * from last_year
)

select * from final
order by comparison desc, plan_id;
