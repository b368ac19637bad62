-- Grain: one row per indicator. The denominators of a unit's latest report before a period
-- (current versions only), to pre-fill the next template.
-- Parameters: $plan_id, $unit_code, $period_code.
with earlier as (
    select s.submission_id, p.ordinal
    from submissions as s
    join periods as p on p.plan_id = s.plan_id and p.period_code = s.period_code
    where s.plan_id = $plan_id and s.unit_code = $unit_code and s.is_current and not s.is_nil
        and p.ordinal < (select ordinal from periods where plan_id = $plan_id and period_code = $period_code)
),

ranked as (
    select v.indicator_code, v.denominator,
        row_number() over (partition by v.indicator_code order by e.ordinal desc) as pick
    from earlier as e
    join indicator_values as v on v.submission_id = e.submission_id
),

final as (
    select indicator_code, denominator from ranked where pick = 1
)

select * from final;
