-- Grain: plan × unit. Each unit's latest report received by $as_of (any period of the plan):
-- who prepared it and their phone, for the reminder list's "last contact".
-- Parameters: $plan_id, $as_of (timestamptz), $unit_types, $units (lists; empty = all).
with latest as (
    select unit_code, period_code, prepared_by, phone, received_at
    from submissions
    where plan_id = $plan_id and received_at <= $as_of
    qualify row_number() over (partition by unit_code order by received_at desc, version desc) = 1
),

final as (
    select l.unit_code, u.unit_type, l.period_code, l.prepared_by, l.phone, l.received_at
    from latest as l
    join units as u on u.plan_id = $plan_id and u.unit_code = l.unit_code
    where (len($unit_types) = 0 or list_contains($unit_types, u.unit_type))
        and (len($units) = 0 or list_contains($units, l.unit_code))
)

select * from final
order by unit_code;
