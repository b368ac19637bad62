-- Grain: one row per plan × period × indicator over the whole plan area: the columns of
-- v_target_progress, as of $as_of (timestamptz; the only parameter, bound once in `params`).
-- Portable: the same definitions as queries/views/01_reports_at.sql, 02_expected_reports.sql,
-- 20_target_progress_unit.sql and 30_target_progress.sql, written without macros, FILTER clauses,
-- any_value, `//` or other DuckDB-only syntax, so that DuckDB runs it as it is (on the warehouse or
-- on its Parquet export) and sqlglot transpiles it for Spark SQL (read="duckdb").
-- achieved_pct = 100 × Σ numerator / Σ denominator over units; a unit without the period's report
-- (not sent, nil, under a plain return, only voided versions, indicator left out) is carried forward from its latest
-- earlier report of the plan year. Comparisons with the target are exact integer arithmetic in
-- basis points; gap_people's ceiling divides a multiple of 10000 (people_to_reach_x10000), so it is
-- exact whether the engine's `/` on integers is integer or floating-point division.
with params as (
    select cast($as_of as timestamptz) as as_of
),

returned as (
    select distinct r.submission_id
    from submission_returns as r
    cross join params as x
    where r.returned_at <= x.as_of and (r.withdrawn_at is null or r.withdrawn_at > x.as_of)
        and r.kind = 'return'
),

voided as (
    select distinct submission_id from submission_voids where restored_at is null
),

received as (
    select s.plan_id, s.unit_code, s.period_code, s.submission_id, s.version, s.received_at, s.is_nil,
        rt.submission_id is not null as is_returned
    from submissions as s
    cross join params as x
    left join returned as rt on rt.submission_id = s.submission_id
    where s.received_at <= x.as_of and s.submission_id not in (select submission_id from voided)
),

ranked as (
    select
        plan_id, unit_code, period_code, submission_id, is_nil, is_returned,
        row_number() over (
            partition by plan_id, unit_code, period_code order by received_at desc, version desc
        ) as rank_desc
    from received
),

reports as (
    select r.plan_id, r.unit_code, r.period_code, r.submission_id, r.is_nil, p.ordinal as period_ordinal
    from ranked as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    where r.rank_desc = 1 and not r.is_returned
),

assigned as (
    select distinct plan_id, unit_code from assignments
),

expected as (
    select u.plan_id, p.period_code, p.ordinal as period_ordinal, u.unit_code
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
        e.unit_code, cast(i.target_pct as double) as target_pct,
        cast(round(i.target_pct * 100) as bigint) as target_bp
    from expected as e
    join assignments as a on a.plan_id = e.plan_id and a.unit_code = e.unit_code
    join indicators as i on i.plan_id = a.plan_id and i.indicator_code = a.indicator_code
),

report_values as (
    select r.plan_id, r.unit_code, r.period_code, r.period_ordinal, v.indicator_code, v.numerator,
        v.denominator, v.women, v.ethnic_minority
    from reports as r
    join indicator_values as v on v.submission_id = r.submission_id
    where not r.is_nil
),

picked as (
    select s.*, v.period_code as source_period_code, v.numerator, v.denominator, v.women, v.ethnic_minority,
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

sums as (
    select
        plan_id, period_code, indicator_code, max(period_ordinal) as period_ordinal,
        max(indicator_ordinal) as indicator_ordinal, max(target_pct) as target_pct, max(target_bp) as target_bp,
        cast(sum(numerator) as bigint) as numerator,
        cast(sum(denominator) as bigint) as denominator,
        cast(sum(women) as bigint) as women,
        cast(sum(ethnic_minority) as bigint) as ethnic_minority,
        count(case when has_report then 1 end) as units_reporting,
        count(*) as units_expected,
        count(case when is_carried_forward then 1 end) as units_carried_forward,
        count(case when denominator is null then 1 end) as units_without_data,
        cast(coalesce(sum(case when has_report then numerator end), 0) as bigint) as known_numerator,
        cast(coalesce(sum(case when has_report then denominator end), 0) as bigint) as known_denominator,
        cast(coalesce(sum(case when not has_report then denominator end), 0) as bigint) as missing_denominator
    from unit_rows
    group by plan_id, period_code, indicator_code
),

measured as (
    select
        s.*,
        case when s.denominator > 0 then cast(100 as double) * s.numerator / s.denominator end as achieved_pct,
        case when s.known_denominator + s.missing_denominator > 0
            then cast(100 as double) * s.known_numerator / (s.known_denominator + s.missing_denominator)
        end as achieved_pct_low,
        case when s.known_denominator + s.missing_denominator > 0
            then cast(100 as double) * (s.known_numerator + s.missing_denominator)
                / (s.known_denominator + s.missing_denominator)
        end as achieved_pct_high,
        cast(round(pl.near_band_pp * 100) as bigint) as near_band_bp,
        s.target_bp * s.denominator + 9999 - (s.target_bp * s.denominator + 9999) % 10000 as people_to_reach_x10000
    from sums as s
    join plans as pl on pl.plan_id = s.plan_id
),

final as (
    select
        plan_id, period_code, indicator_code, numerator, denominator, women, ethnic_minority,
        achieved_pct, target_pct,
        case when target_bp is not null and denominator > 0
            then numerator * 10000 >= target_bp * denominator end as is_met,
        case when target_bp is not null and achieved_pct is not null
            then greatest(0, target_pct - achieved_pct) end as gap_pp,
        case when target_bp is not null and denominator is not null
            then greatest(0, cast(people_to_reach_x10000 / 10000 as bigint) - numerator) end as gap_people,
        case
            when target_bp is null then 'no_target'
            when achieved_pct is null then 'no_data'
            when numerator * 10000 >= target_bp * denominator then 'met'
            when numerator * 10000 >= (target_bp - near_band_bp) * denominator then 'near'
            else 'off_track'
        end as status,
        units_reporting, units_expected, units_carried_forward, units_without_data,
        achieved_pct_low, achieved_pct_high, period_ordinal, indicator_ordinal
    from measured
)

select
    plan_id, period_code, indicator_code, numerator, denominator, women, ethnic_minority, achieved_pct,
    target_pct, is_met, gap_pp, gap_people, status, units_reporting, units_expected, units_carried_forward,
    units_without_data, achieved_pct_low, achieved_pct_high
from final
order by plan_id, period_ordinal, indicator_ordinal;
