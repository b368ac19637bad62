-- Grain: one row per indicator × field whose value differs between two submissions.
-- Parameters: $old_id, $new_id (submission ids). Null = not reported in that version.
with old as (select * from indicator_values where submission_id = $old_id),

new as (select * from indicator_values where submission_id = $new_id),

joined as (
    select
        coalesce(n.indicator_code, o.indicator_code) as indicator_code,
        o.denominator as old_denominator, n.denominator as new_denominator,
        o.numerator as old_numerator, n.numerator as new_numerator,
        o.women as old_women, n.women as new_women,
        o.ethnic_minority as old_ethnic_minority, n.ethnic_minority as new_ethnic_minority
    from old as o
    full join new as n on n.indicator_code = o.indicator_code
),

fields as (
    select indicator_code, 1 as field_no, 'denominator' as field, old_denominator as old_value, new_denominator as new_value from joined
    union all
    select indicator_code, 2, 'numerator', old_numerator, new_numerator from joined
    union all
    select indicator_code, 3, 'women', old_women, new_women from joined
    union all
    select indicator_code, 4, 'ethnic_minority', old_ethnic_minority, new_ethnic_minority from joined
),

final as (
    select f.indicator_code, f.field, f.old_value, f.new_value
    from fields as f
    where f.old_value is distinct from f.new_value
    order by f.indicator_code, f.field_no
)

select * from final;
