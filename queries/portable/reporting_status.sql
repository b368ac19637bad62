-- Grain: one row per plan × period × expected unit: the columns of v_reporting_status, as of $as_of
-- (timestamptz; the only parameter, bound once in `params`).
-- Portable: the same definitions as queries/views/01_reports_at.sql, 02_expected_reports.sql and
-- 10_reporting_status.sql, written without macros, FILTER clauses, arg_max, `exclude` or other
-- DuckDB-only syntax, so that DuckDB runs it as it is (on the warehouse or on its Parquet export)
-- and sqlglot transpiles it for Spark SQL (read="duckdb").
-- A voided version (not restored) never counts. The latest version received by $as_of stands unless
-- it is under a plain return (kind 'return', not withdrawn): the report then counts as not received
-- until a new version arrives. A minor correction ('correction') keeps it received, on time or late
-- by its first receipt. is_returned, returned_at and returned_reason describe the latest version's
-- return (either kind); return_kind the kind of the latest return standing on any of the report's
-- versions. days_late counts started days after the due day from whole seconds elapsed: the
-- deadline is a whole second, so that gives the same count as the exact difference.
with params as (
    select cast($as_of as timestamptz) as as_of
),

open_returns as (
    select r.submission_id, r.returned_at, r.reason, r.kind,
        row_number() over (partition by r.submission_id order by r.returned_at desc) as rank_desc
    from submission_returns as r
    cross join params as x
    where r.returned_at <= x.as_of and (r.withdrawn_at is null or r.withdrawn_at > x.as_of)
),

voided as (
    select distinct submission_id from submission_voids where restored_at is null
),

received as (
    select s.plan_id, s.unit_code, s.period_code, s.submission_id, s.version, s.file_name, s.received_at,
        s.is_nil, rt.submission_id is not null as is_returned, rt.returned_at, rt.reason as returned_reason,
        rt.kind as own_return_kind,
        coalesce(rt.kind = 'return', false) as is_held_back
    from submissions as s
    cross join params as x
    left join open_returns as rt on rt.submission_id = s.submission_id and rt.rank_desc = 1
    where s.received_at <= x.as_of and s.submission_id not in (select submission_id from voided)
),

ranked as (
    select
        *,
        row_number() over (
            partition by plan_id, unit_code, period_code order by received_at desc, version desc
        ) as rank_desc,
        min(case when not is_held_back then received_at end) over (
            partition by plan_id, unit_code, period_code
        ) as first_received_at,
        max(received_at) over (partition by plan_id, unit_code, period_code) as last_received_at,
        count(*) over (partition by plan_id, unit_code, period_code) as n_versions,
        row_number() over (
            partition by plan_id, unit_code, period_code order by returned_at desc nulls last
        ) as return_rank
    from received
),

latest_kinds as (
    select plan_id, unit_code, period_code, own_return_kind as return_kind
    from ranked
    where return_rank = 1
),

assigned as (
    select distinct plan_id, unit_code from assignments
),

expected as (
    select u.plan_id, p.period_code, p.ordinal as period_ordinal, u.unit_code, u.unit_type,
        u.name_vi as unit_name_vi, u.name_en as unit_name_en, d.due_on, d.deadline_at
    from units as u
    join assigned as a on a.plan_id = u.plan_id and a.unit_code = u.unit_code
    join periods as p
        on p.plan_id = u.plan_id
        and u.valid_from <= p.ends_on
        and (u.valid_to is null or u.valid_to >= p.starts_on)
    join unit_deadlines as d
        on d.plan_id = u.plan_id and d.period_code = p.period_code and d.unit_code = u.unit_code
),

joined as (
    select e.*, x.as_of,
        case when not l.is_held_back then l.first_received_at end as first_received_at,
        l.last_received_at, coalesce(l.n_versions, 0) as n_versions,
        case when not l.is_held_back then l.is_nil end as is_nil,
        l.submission_id, l.version as current_version, l.file_name as current_file_name,
        coalesce(l.is_returned, false) as is_returned, l.returned_at, l.returned_reason, k.return_kind
    from expected as e
    cross join params as x
    left join ranked as l
        on l.plan_id = e.plan_id and l.period_code = e.period_code and l.unit_code = e.unit_code
        and l.rank_desc = 1
    left join latest_kinds as k
        on k.plan_id = e.plan_id and k.period_code = e.period_code and k.unit_code = e.unit_code
),

final as (
    select
        plan_id, period_code, unit_code, unit_type, unit_name_vi, unit_name_en, due_on, deadline_at,
        first_received_at, last_received_at, n_versions,
        case
            when first_received_at is null and as_of < deadline_at then 'not_yet_due'
            when first_received_at is null then 'missing'
            when is_nil then 'nil_report'
            when first_received_at < deadline_at then 'on_time'
            else 'late'
        end as status,
        first_received_at < deadline_at as is_on_time,
        coalesce(is_nil, false) as is_nil,
        case
            when first_received_at is not null and first_received_at < deadline_at then 0
            when first_received_at is not null
                then cast(floor(date_diff('second', deadline_at, first_received_at) / 86400) as integer) + 1
            when as_of >= deadline_at
                then cast(floor(date_diff('second', deadline_at, as_of) / 86400) as integer) + 1
        end as days_late,
        submission_id, current_version, current_file_name, is_returned, returned_at, returned_reason,
        return_kind, period_ordinal
    from joined
)

select
    plan_id, period_code, unit_code, unit_type, unit_name_vi, unit_name_en, due_on, deadline_at,
    first_received_at, last_received_at, n_versions, status, is_on_time, is_nil, days_late,
    submission_id, current_version, current_file_name, is_returned, returned_at, returned_reason, return_kind
from final
order by plan_id, period_ordinal, unit_code;
