-- Grain: one row per plan × calendar quarter × unit × activity type × target group: the columns of
-- v_participation, as of $as_of (timestamptz; the only parameter, bound once in `params`).
-- Portable: the same definitions as queries/views/01_reports_at.sql and 40_participation.sql,
-- written without macros, struct unnesting, strftime or other DuckDB-only syntax, so that DuckDB
-- runs it as it is (on the warehouse or on its Parquet export) and sqlglot transpiles it for Spark
-- SQL (read="duckdb").
-- Only reports that stand at $as_of count: the latest version not voided (a voided version, not
-- restored, never counts), unless it is under a plain return (kind 'return', not withdrawn); a minor
-- correction ('correction') keeps it standing.
-- Activities are dated facts: one listed again in a later report counts once (same activity_key),
-- with the figures of the latest report listing it.
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
        plan_id, unit_code, period_code, submission_id, version, is_returned,
        row_number() over (
            partition by plan_id, unit_code, period_code order by received_at desc, version desc
        ) as rank_desc
    from received
),

listed as (
    select r.plan_id, r.unit_code, a.activity_on, a.activity_type, a.target_group, a.participants, a.men,
        a.women, a.ethnic_minority, a.materials,
        row_number() over (
            partition by r.plan_id, r.unit_code, a.activity_key
            order by p.ordinal desc, r.version desc
        ) as pick
    from ranked as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    join activities as a on a.submission_id = r.submission_id
    where r.rank_desc = 1 and not r.is_returned
),

dated as (
    select l.*, u.unit_type,
        cast(year(l.activity_on) as varchar) || '-Q' || cast(quarter(l.activity_on) as varchar) as quarter
    from listed as l
    join units as u on u.plan_id = l.plan_id and u.unit_code = l.unit_code
    where l.pick = 1
)

select
    plan_id, quarter, unit_code, unit_type, activity_type, target_group,
    cast(count(*) as bigint) as n_activities,
    cast(sum(participants) as bigint) as participants,
    cast(sum(men) as bigint) as men,
    cast(sum(women) as bigint) as women,
    cast(sum(ethnic_minority) as bigint) as ethnic_minority,
    cast(sum(materials) as bigint) as materials
from dated
group by plan_id, quarter, unit_code, unit_type, activity_type, target_group
order by plan_id, quarter, unit_code, activity_type, target_group;
