-- Grain: at most one row: the period before $period in the same plan, which the official report
-- compares with ('previous'). The same period of an earlier plan year comes from
-- same_period_*.sql, carried onto the plan's units through the crosswalk (ui/same_period.py).
-- Parameters: $plan_id, $period (period code).
with chosen as (
    select p.plan_id, p.ordinal
    from periods as p
    where p.plan_id = $plan_id and p.period_code = $period
),

final as (
    select 'previous' as comparison, p.plan_id, p.period_code, p.name_vi, p.name_en
    from chosen as c
    join periods as p on p.plan_id = c.plan_id and p.ordinal = c.ordinal - 1
)

select * from final;
