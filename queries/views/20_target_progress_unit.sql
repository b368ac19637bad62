-- Grain: one row per plan × period × indicator × unit assigned to it and valid in the period.
-- Parameters: as_of (timestamptz); optional unit_types / units (lists; empty = all); skip (list
-- of plan ids left out: those answered from their snapshot).
-- Values come from the current version (by $as_of) of the
-- period's report; a unit that has not sent the period, sent a nil report or left the
-- indicator out is carried forward from its latest earlier report of the same plan year
-- (is_carried_forward). Percentages are 0-100; comparisons with the target are exact
-- integer arithmetic (target in basis points).
create or replace macro target_progress_unit_live(as_of, unit_types := [], units := [], skip := []) as table
with slots as (
    select e.plan_id, e.period_code, e.period_ordinal, a.indicator_code, i.ordinal as indicator_ordinal,
        e.unit_code, e.unit_type, i.target_pct,
        cast(round(i.target_pct * 100) as bigint) as target_bp
    from expected_reports(skip := skip) as e
    join assignments as a on a.plan_id = e.plan_id and a.unit_code = e.unit_code
    join indicators as i on i.plan_id = a.plan_id and i.indicator_code = a.indicator_code
    where (len(unit_types) = 0 or list_contains(unit_types, e.unit_type))
        and (len(units) = 0 or list_contains(units, e.unit_code))
),

reports as (
    select r.*, p.ordinal as period_ordinal
    from reports_at(as_of, skip := skip) as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
),

report_values as (
    select r.plan_id, r.unit_code, r.period_code, r.period_ordinal, r.submission_id, r.version,
        r.file_name, r.received_at, v.indicator_code, v.numerator, v.denominator, v.women,
        v.ethnic_minority
    from reports as r
    join indicator_values as v on v.submission_id = r.submission_id
    where not r.is_nil
),

picked as (
    -- The latest report of the year up to the period: an ASOF join picks it in one pass (a window
    -- over every earlier report cost 4-5x more at national size; see docs/performance.md).
    select s.*, v.period_code as source_period_code, v.submission_id, v.version, v.file_name,
        v.received_at, v.numerator, v.denominator, v.women, v.ethnic_minority
    from slots as s
    asof left join report_values as v
        on v.plan_id = s.plan_id and v.unit_code = s.unit_code
        and v.indicator_code = s.indicator_code and v.period_ordinal <= s.period_ordinal
),

final as (
    select
        p.plan_id, p.period_code, p.indicator_code, p.unit_code, p.unit_type,
        p.numerator, p.denominator, p.women, p.ethnic_minority,
        case when p.denominator > 0 then 100.0 * p.numerator / p.denominator end as achieved_pct,
        cast(p.target_pct as double) as target_pct,
        case when p.target_bp is not null and p.denominator > 0
            then p.numerator * 10000 >= p.target_bp * p.denominator end as is_met,
        case when p.target_bp is not null and p.denominator > 0
            then greatest(0, cast(p.target_pct as double) - 100.0 * p.numerator / p.denominator) end as gap_pp,
        case when p.target_bp is not null and p.denominator is not null
            then greatest(0, (p.target_bp * p.denominator + 9999) // 10000 - p.numerator) end as gap_people,
        p.source_period_code is not null and p.source_period_code <> p.period_code as is_carried_forward,
        p.source_period_code,
        r.unit_code is not null as has_report,
        p.submission_id, p.version, p.file_name, p.received_at,
        p.period_ordinal, p.indicator_ordinal, p.target_bp
    from picked as p
    left join reports as r
        on r.plan_id = p.plan_id and r.period_code = p.period_code and r.unit_code = p.unit_code
)

select * from final;

-- The same rows, stored per plan year by warehouse/snapshots.py (see 05_snapshots.sql).
create or replace table snapshot_target_progress_unit as
select * from target_progress_unit_live(now()) with no data;

-- target_progress_unit_live's rows: from the snapshot for the plan years it answers, live for the rest
-- (optional skip: plan ids left out). The plan years are picked by a semi join, which lets the scan
-- pass over the row groups of plan years not asked for.
create or replace macro target_progress_unit_at(as_of, unit_types := [], units := [], skip := []) as table
with fresh_unit as materialized (select fresh_snapshots(as_of) as ids)  -- computed and planned once
select * from snapshot_target_progress_unit
where plan_id in (
        select p.plan_id from plans as p, fresh_unit
        where list_contains(fresh_unit.ids, p.plan_id) and not list_contains(skip, p.plan_id))
    and (len(unit_types) = 0 or list_contains(unit_types, unit_type))
    and (len(units) = 0 or list_contains(units, unit_code))
union all
select * from target_progress_unit_live(as_of, unit_types := unit_types, units := units,
    skip := list_concat((select ids from fresh_unit), skip));

create or replace view v_target_progress_unit as
select * exclude (period_ordinal, indicator_ordinal, target_bp) from target_progress_unit_at(now());
