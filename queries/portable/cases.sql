-- Grain: one row per plan × period × unit that reports cases × case measure: the columns of v_cases, as
-- of $as_of (timestamptz; the only parameter, bound once in `params`). Year-to-date counts.
-- Portable: the same definitions as queries/views/01_reports_at.sql, 02_expected_reports.sql and
-- 72_cases.sql, written without macros, the ASOF join, `exclude` or other DuckDB-only syntax, so that
-- DuckDB runs it as it is (on the warehouse or on its Parquet export) and sqlglot transpiles it for Spark
-- SQL (read="duckdb").
-- A unit reports cases once any of its files for the plan had a VuViec sheet (as in the view: any version,
-- voided or not, whenever received). Counts come from the period's report standing at $as_of: its latest
-- version not voided (a voided version, not restored, never counts), unless under a plain return (kind
-- 'return', not withdrawn; a minor correction keeps it standing). A unit whose standing report has no
-- VuViec sheet, or that has none, is carried forward from its latest earlier report of the plan year that
-- had one (is_carried_forward). Small numbers are never shown: a count from 1 to suppress_below − 1 reads
-- null with is_suppressed, and so do its breakdowns (as does any breakdown that is itself small).
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

case_units as (
    select distinct s.plan_id, s.unit_code
    from submissions as s
    join submission_details as d on d.submission_id = s.submission_id
    where d.has_cases
),

slots as (
    select e.plan_id, e.period_code, e.period_ordinal, e.unit_code, e.unit_type, m.measure_code,
        m.ordinal as measure_ordinal, m.name_vi as measure_name_vi, m.name_en as measure_name_en, m.unit_vi,
        m.suppress_below
    from expected as e
    join case_units as c on c.plan_id = e.plan_id and c.unit_code = e.unit_code
    join case_measures as m on m.plan_id = e.plan_id
),

reported as (
    select r.plan_id, r.unit_code, r.period_code, r.period_ordinal, m.measure_code, x.n_total, x.women,
        x.children
    from reports as r
    join submission_details as d on d.submission_id = r.submission_id and d.has_cases
    join case_measures as m on m.plan_id = r.plan_id
    left join case_counts as x on x.submission_id = r.submission_id and x.measure_code = m.measure_code
),

picked as (
    select s.*, v.period_code as source_period_code, v.n_total, v.women, v.children,
        row_number() over (
            partition by s.plan_id, s.period_code, s.unit_code, s.measure_code
            order by v.period_ordinal desc nulls last
        ) as pick
    from slots as s
    left join reported as v
        on v.plan_id = s.plan_id and v.unit_code = s.unit_code
        and v.measure_code = s.measure_code and v.period_ordinal <= s.period_ordinal
)

select
    plan_id, period_code, unit_code, unit_type, measure_code, measure_name_vi, measure_name_en, unit_vi,
    n_total between 1 and suppress_below - 1 as is_suppressed,
    case when n_total between 1 and suppress_below - 1 then null else n_total end as n_cases,
    case when n_total between 1 and suppress_below - 1 or women between 1 and suppress_below - 1
        then null else women end as women,
    case when n_total between 1 and suppress_below - 1 or children between 1 and suppress_below - 1
        then null else children end as children,
    source_period_code is not null and source_period_code <> period_code as is_carried_forward,
    source_period_code
from picked
where pick = 1
order by plan_id, period_ordinal, measure_ordinal, unit_code;
