-- Grain: one row per warning between a unit's successive reports of a plan year, as of $as_of
-- (timestamptz), over the reports that stand then (returned versions left out):
--   numerator_fell     a cumulative "Số đạt" lower than in the unit's previous report;
--   denominator_jump   a "Tổng số đối tượng" that changed by more than 50% from the previous report;
--   nil_after_values   a nil report after an earlier report of the year with values.
-- Warnings, not rejections: the reports stay loaded. Optional units (list; empty = all); skip (list
-- of plan ids left out, at the scan: a warning never crosses plan years, so asking for one plan year
-- leaves the others' versions out of the windows instead of ranking every year's).
create or replace macro consistency_warnings_at(as_of, units := [], skip := []) as table
with reports as (
    select r.plan_id, r.unit_code, r.period_code, r.submission_id, r.is_nil, p.ordinal as period_ordinal
    from reports_at(as_of, skip := skip) as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    where len(units) = 0 or list_contains(units, r.unit_code)
),

valued as (
    select
        r.*, v.indicator_code, v.numerator, v.denominator,
        lag(r.period_code) over w as previous_period_code,
        lag(r.submission_id) over w as previous_submission_id,
        lag(v.numerator) over w as previous_numerator,
        lag(v.denominator) over w as previous_denominator
    from reports as r
    join indicator_values as v on v.submission_id = r.submission_id
    window w as (partition by r.plan_id, r.unit_code, v.indicator_code order by r.period_ordinal)
),

value_warnings as (
    select
        plan_id, unit_code, period_code, submission_id, indicator_code, 'numerator_fell' as warning_code,
        previous_period_code, previous_submission_id, previous_numerator as previous_value, numerator as value
    from valued
    where numerator < previous_numerator
    union all
    select
        plan_id, unit_code, period_code, submission_id, indicator_code, 'denominator_jump',
        previous_period_code, previous_submission_id, previous_denominator, denominator
    from valued
    where previous_denominator > 0 and abs(denominator - previous_denominator) > 0.5 * previous_denominator
),

candidates as (
    -- Only the reports of units that sent a nil report can take part in a nil warning; probing the
    -- values and activities for those alone keeps the national warehouse's 1.3 M activities out
    -- of a hash table.
    select r.* from reports as r
    where exists (select 1 from reports as n where n.plan_id = r.plan_id and n.unit_code = r.unit_code and n.is_nil)
),

with_values as (
    select c.*,
        c.submission_id in (select v.submission_id from indicator_values as v
                            where v.submission_id in (select submission_id from candidates))
        or c.submission_id in (select a.submission_id from activities as a
                               where a.submission_id in (select submission_id from candidates)) as has_values
    from candidates as c
),

nil_warnings as (
    select
        n.plan_id, n.unit_code, n.period_code, n.submission_id, null as indicator_code,
        'nil_after_values' as warning_code,
        arg_max(e.period_code, e.period_ordinal) as previous_period_code,
        arg_max(e.submission_id, e.period_ordinal) as previous_submission_id,
        null::bigint as previous_value, null::bigint as value
    from with_values as n
    join with_values as e
        on e.plan_id = n.plan_id and e.unit_code = n.unit_code and e.period_ordinal < n.period_ordinal
    where n.is_nil and e.has_values
    group by n.plan_id, n.unit_code, n.period_code, n.submission_id
),

final as (
    select w.*, p.ordinal as period_ordinal
    from (select * from value_warnings union all select * from nil_warnings) as w
    join periods as p on p.plan_id = w.plan_id and p.period_code = w.period_code
)

select * from final order by plan_id, unit_code, period_ordinal, indicator_code nulls first, warning_code;
