-- Grain: one row per plan × period × unit type: the columns of v_reporting_rates, as of $as_of
-- (timestamptz; the only parameter, bound once in `params`).
-- Portable: the same definitions as queries/views/01_reports_at.sql, 02_expected_reports.sql,
-- 10_reporting_status.sql and 50_reporting_rates.sql, written without macros, FILTER clauses,
-- any_value or other DuckDB-only syntax, so that DuckDB runs it as it is (on the warehouse or on
-- its Parquet export) and sqlglot transpiles it for Spark SQL (read="duckdb").
-- A version under a plain return (kind 'return', not withdrawn) by $as_of counts as not received; a
-- minor correction ('correction') keeps it received with its first receipt; a voided version (not
-- restored) never counts. days_late
-- counts started days after the due day from whole seconds elapsed: the deadline is a whole second,
-- so that gives the same count as the exact difference.
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
    select s.plan_id, s.unit_code, s.period_code, s.version, s.received_at, s.is_nil,
        rt.submission_id is not null as is_returned
    from submissions as s
    cross join params as x
    left join returned as rt on rt.submission_id = s.submission_id
    where s.received_at <= x.as_of and s.submission_id not in (select submission_id from voided)
),

ranked as (
    select
        plan_id, unit_code, period_code, is_nil, is_returned,
        row_number() over (
            partition by plan_id, unit_code, period_code order by received_at desc, version desc
        ) as rank_desc,
        min(case when not is_returned then received_at end) over (
            partition by plan_id, unit_code, period_code
        ) as first_received_at
    from received
),

assigned as (
    select distinct plan_id, unit_code from assignments
),

expected as (
    select u.plan_id, p.period_code, p.ordinal as period_ordinal, u.unit_code, u.unit_type, d.deadline_at
    from units as u
    join assigned as a on a.plan_id = u.plan_id and a.unit_code = u.unit_code
    join periods as p
        on p.plan_id = u.plan_id
        and u.valid_from <= p.ends_on
        and (u.valid_to is null or u.valid_to >= p.starts_on)
    join unit_deadlines as d
        on d.plan_id = u.plan_id and d.period_code = p.period_code and d.unit_code = u.unit_code
),

standing as (
    select e.plan_id, e.period_code, e.period_ordinal, e.unit_type, e.deadline_at, x.as_of,
        case when not l.is_returned then l.first_received_at end as first_received_at,
        case when not l.is_returned then l.is_nil end as is_nil
    from expected as e
    cross join params as x
    left join ranked as l
        on l.plan_id = e.plan_id and l.period_code = e.period_code and l.unit_code = e.unit_code
        and l.rank_desc = 1
),

classified as (
    select
        plan_id, period_code, period_ordinal, unit_type, first_received_at,
        first_received_at < deadline_at as is_on_time,
        case
            when first_received_at is null and as_of < deadline_at then 'not_yet_due'
            when first_received_at is null then 'missing'
            when is_nil then 'nil_report'
            when first_received_at < deadline_at then 'on_time'
            else 'late'
        end as status,
        case
            when first_received_at is not null and first_received_at < deadline_at then 0
            when first_received_at is not null
                then cast(floor(date_diff('second', deadline_at, first_received_at) / 86400) as integer) + 1
            when as_of >= deadline_at
                then cast(floor(date_diff('second', deadline_at, as_of) / 86400) as integer) + 1
        end as days_late
    from standing
),

counted as (
    select
        plan_id, period_code, unit_type, max(period_ordinal) as period_ordinal,
        count(*) as expected,
        count(first_received_at) as received,
        count(case when is_on_time then 1 end) as on_time,
        count(case when not is_on_time then 1 end) as late,
        count(case when status = 'missing' then 1 end) as missing,
        count(case when status = 'not_yet_due' then 1 end) as not_yet_due,
        count(case when status = 'nil_report' then 1 end) as nil_report,
        avg(case when not is_on_time then days_late end) as mean_days_late
    from classified
    group by plan_id, period_code, unit_type
),

final as (
    select
        plan_id, period_code, unit_type, expected, received, on_time, late, missing,
        not_yet_due, nil_report,
        cast(100 as double) * received / expected as reporting_rate_pct,
        cast(100 as double) * on_time / expected as on_time_rate_pct,
        case when received > 0 then cast(100 as double) * on_time / received end as punctuality_pct,
        mean_days_late, period_ordinal
    from counted
)

select
    plan_id, period_code, unit_type, expected, received, on_time, late, missing, not_yet_due, nil_report,
    reporting_rate_pct, on_time_rate_pct, punctuality_pct, mean_days_late
from final
order by plan_id, period_ordinal, unit_type;
