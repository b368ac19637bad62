-- Grain: one row per earlier plan year that holds the same period as $period of $plan_id (the same
-- period code after the year: 2025-H1 -> 2024-H1) and shares at least one indicator code with it;
-- latest year first. The page compares with the first whose units map onto the plan's own.
-- Parameters: $plan_id, $period (period code).
with chosen as (
    select pl.plan_id, pl.year, regexp_replace(p.period_code, '^[0-9]{4}', '') as period_suffix
    from plans as pl
    join periods as p on p.plan_id = pl.plan_id
    where pl.plan_id = $plan_id and p.period_code = $period
),

earlier as (
    select pl.plan_id, pl.year, p.period_code, p.name_vi, p.name_en, p.quarter
    from chosen as c
    join plans as pl on pl.year < c.year
    join periods as p
        on p.plan_id = pl.plan_id and regexp_replace(p.period_code, '^[0-9]{4}', '') = c.period_suffix
),

shared as (
    select i.plan_id, count(*) as n_shared_indicators,
        list(i.indicator_code order by i.ordinal) as indicator_codes
    from indicators as i
    join indicators as mine on mine.plan_id = $plan_id and mine.indicator_code = i.indicator_code
    where i.plan_id in (select plan_id from earlier)
    group by i.plan_id
),

final as (
    select e.*, s.n_shared_indicators, s.indicator_codes
    from earlier as e
    join shared as s on s.plan_id = e.plan_id
)

select * from final
order by year desc, n_shared_indicators desc, plan_id;
