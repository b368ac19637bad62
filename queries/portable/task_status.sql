-- Grain: one row per plan × period × task × unit the task is assigned to and expected to report in the
-- period: the columns of v_task_status, as of $as_of (timestamptz; the only parameter, bound once in
-- `params`).
-- Portable: the same definitions as queries/views/01_reports_at.sql, 02_expected_reports.sql and
-- 70_task_status.sql, written without macros, the ASOF join, `exclude` or other DuckDB-only syntax, so
-- that DuckDB runs it as it is (on the warehouse or on its Parquet export) and sqlglot transpiles it for
-- Spark SQL (read="duckdb").
-- The status comes from the period's report standing at $as_of: its latest version not voided (a voided
-- version, not restored, never counts), unless under a plain return (kind 'return', not withdrawn; a minor
-- correction keeps it standing). A unit that has not sent the period, sent a file without the NhiemVu
-- sheet or left the task out is carried forward from its latest earlier report of the plan year that has
-- the task (is_carried_forward); status 'not_reported' when none has.
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
    select s.plan_id, s.unit_code, s.period_code, s.submission_id, s.version, s.received_at,
        rt.submission_id is not null as is_returned
    from submissions as s
    cross join params as x
    left join returned as rt on rt.submission_id = s.submission_id
    where s.received_at <= x.as_of and s.submission_id not in (select submission_id from voided)
),

ranked as (
    select
        plan_id, unit_code, period_code, submission_id, is_returned,
        row_number() over (
            partition by plan_id, unit_code, period_code order by received_at desc, version desc
        ) as rank_desc
    from received
),

reports as (
    select r.plan_id, r.unit_code, r.period_code, r.submission_id, p.ordinal as period_ordinal
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
    select e.plan_id, e.period_code, e.period_ordinal, a.task_code, t.ordinal as task_ordinal, t.section,
        e.unit_code, e.unit_type, a.role, t.measure_unit_vi, t.measure_unit_en
    from expected as e
    join task_assignments as a on a.plan_id = e.plan_id and a.unit_code = e.unit_code
    join tasks as t on t.plan_id = a.plan_id and t.task_code = a.task_code
),

reported as (
    select r.plan_id, r.unit_code, r.period_code, r.period_ordinal, r.submission_id, x.task_code, x.status,
        x.result, x.women, x.ethnic_minority, x.children, x.highlights, x.evidence, x.difficulties, x.proposals,
        x.reason
    from reports as r
    join task_reports as x on x.submission_id = r.submission_id
),

picked as (
    select s.*, v.period_code as source_period_code, v.submission_id, v.status, v.result, v.women,
        v.ethnic_minority, v.children, v.highlights, v.evidence, v.difficulties, v.proposals, v.reason,
        row_number() over (
            partition by s.plan_id, s.period_code, s.task_code, s.unit_code
            order by v.period_ordinal desc nulls last
        ) as pick
    from slots as s
    left join reported as v
        on v.plan_id = s.plan_id and v.unit_code = s.unit_code
        and v.task_code = s.task_code and v.period_ordinal <= s.period_ordinal
)

select
    plan_id, period_code, task_code, section, unit_code, unit_type, role,
    coalesce(status, 'not_reported') as status,
    result, measure_unit_vi, measure_unit_en, women, ethnic_minority, children,
    highlights, evidence, difficulties, proposals, reason,
    source_period_code is not null and source_period_code <> period_code as is_carried_forward,
    source_period_code, submission_id
from picked
where pick = 1
order by plan_id, period_ordinal, task_ordinal, unit_code;
