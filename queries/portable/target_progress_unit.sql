-- Grain: one row per plan × period × indicator × unit assigned to it and valid in the period: the
-- columns of v_target_progress_unit, as of $as_of (timestamptz; the only parameter, bound once in
-- `params`).
-- Portable: the same definitions as queries/views/01_reports_at.sql, 02_expected_reports.sql and
-- 20_target_progress_unit.sql, written without macros, the ASOF join, `//` or other DuckDB-only
-- syntax, so that DuckDB runs it as it is (on the warehouse or on its Parquet export) and sqlglot
-- transpiles it for Spark SQL (read="duckdb").
-- Values come from the period's report standing at $as_of: its latest version not voided (a voided
-- version, not restored, never counts), unless under a plain return (kind 'return', not withdrawn;
-- a minor correction keeps it standing). A unit that has not sent it, sent a nil report, had it
-- returned or left the indicator out is carried forward from its latest earlier report of the plan
-- year (is_carried_forward). Comparisons with the target are exact
-- integer arithmetic in basis points; gap_people's ceiling divides a multiple of 10000, so it is
-- exact whether the engine's `/` on integers is integer or floating-point division.
with params as (
    select cast($as_of as timestamptz) as as_of
),

open_returns as (
    select r.submission_id, r.kind,
        row_number() over (partition by r.submission_id order by r.returned_at desc) as rank_desc
    from submission_returns as r
    cross join params as x
    where r.returned_at <= x.as_of and (r.withdrawn_at is null or r.withdrawn_at > x.as_of)
),

returned as (
    select submission_id from open_returns where rank_desc = 1 and kind = 'return'
),

voided as (
    select distinct submission_id from submission_voids where restored_at is null
),

received as (
    select s.plan_id, s.unit_code, s.period_code, s.submission_id, s.version, s.file_name, s.received_at,
        s.is_nil, rt.submission_id is not null as is_returned
    from submissions as s
    cross join params as x
    left join returned as rt on rt.submission_id = s.submission_id
    where s.received_at <= x.as_of and s.submission_id not in (select submission_id from voided)
),

ranked as (
    select
        plan_id, unit_code, period_code, submission_id, version, file_name, received_at, is_nil, is_returned,
        row_number() over (
            partition by plan_id, unit_code, period_code order by received_at desc, version desc
        ) as rank_desc
    from received
),

reports as (
    select r.plan_id, r.unit_code, r.period_code, r.submission_id, r.version, r.file_name, r.received_at,
        r.is_nil, p.ordinal as period_ordinal
    from ranked as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    where r.rank_desc = 1 and not r.is_returned
),

assigned as (
    select distinct plan_id, unit_code from assignments
),

expected as (
    select u.plan_id, p.period_code, p.ordinal as period_ordinal, u.unit_code, u.unit_type
    from units as u
    join assigned as a on a.plan_id = u.plan_id and a.unit_code = u.unit_code
    join periods as p
        on p.plan_id = u.plan_id
        and u.valid_from <= p.ends_on
        and (u.valid_to is null or u.valid_to >= p.starts_on)
    join unit_deadlines as d
        on d.plan_id = u.plan_id and d.period_code = p.period_code and d.unit_code = u.unit_code
),

slots as (
    select e.plan_id, e.period_code, e.period_ordinal, a.indicator_code, i.ordinal as indicator_ordinal,
        e.unit_code, e.unit_type, cast(i.target_pct as double) as target_pct,
        cast(round(i.target_pct * 100) as bigint) as target_bp
    from expected as e
    join assignments as a on a.plan_id = e.plan_id and a.unit_code = e.unit_code
    join indicators as i on i.plan_id = a.plan_id and i.indicator_code = a.indicator_code
),

report_values as (
    select r.plan_id, r.unit_code, r.period_code, r.period_ordinal, r.submission_id, r.version, r.file_name,
        r.received_at, v.indicator_code, v.numerator, v.denominator, v.women, v.ethnic_minority
    from reports as r
    join indicator_values as v on v.submission_id = r.submission_id
    where not r.is_nil
),

picked as (
    select s.*, v.period_code as source_period_code, v.submission_id, v.version, v.file_name, v.received_at,
        v.numerator, v.denominator, v.women, v.ethnic_minority,
        row_number() over (
            partition by s.plan_id, s.period_code, s.indicator_code, s.unit_code
            order by v.period_ordinal desc nulls last
        ) as pick
    from slots as s
    left join report_values as v
        on v.plan_id = s.plan_id and v.unit_code = s.unit_code
        and v.indicator_code = s.indicator_code and v.period_ordinal <= s.period_ordinal
),

unit_rows as (
    select p.*,
        p.source_period_code is not null and p.source_period_code <> p.period_code as is_carried_forward,
        r.unit_code is not null as has_report
    from picked as p
    left join reports as r
        on r.plan_id = p.plan_id and r.period_code = p.period_code and r.unit_code = p.unit_code
    where p.pick = 1
),

measured as (
    select
        *,
        case when denominator > 0 then cast(100 as double) * numerator / denominator end as achieved_pct,
        target_bp * denominator + 9999 - (target_bp * denominator + 9999) % 10000 as people_to_reach_x10000
    from unit_rows
)

select
    plan_id, period_code, indicator_code, unit_code, unit_type, numerator, denominator, women, ethnic_minority,
    achieved_pct, target_pct,
    case when target_bp is not null and denominator > 0
        then numerator * 10000 >= target_bp * denominator end as is_met,
    case when target_bp is not null and denominator > 0
        then greatest(0, target_pct - achieved_pct) end as gap_pp,
    case when target_bp is not null and denominator is not null
        then greatest(0, cast(people_to_reach_x10000 / 10000 as bigint) - numerator) end as gap_people,
    is_carried_forward, source_period_code, has_report, submission_id, version, file_name, received_at
from measured
order by plan_id, period_ordinal, indicator_ordinal, unit_code;
