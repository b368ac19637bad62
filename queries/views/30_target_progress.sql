-- Grain: one row per plan × period × indicator over the whole plan area.
-- Parameters: as_of (timestamptz); optional unit_types / units (lists; empty = the whole area); skip
-- (list of plan ids left out: those answered from their snapshot).
-- Sums over units (carried-forward values included),
-- never an average of percentages. Bounds: every unit that has not yet sent the period
-- counted at 0% (low) and 100% (high) of its last known denominator. Status comparisons are
-- exact integer arithmetic in basis points, like is_met (no floating-point edge at the band).
create or replace macro target_progress_live(as_of, unit_types := [], units := [], skip := []) as table
with unit_rows as (
    select * from target_progress_unit_at(as_of, unit_types := unit_types, units := units, skip := skip)
),

sums as (
    select
        plan_id, period_code, indicator_code, any_value(period_ordinal) as period_ordinal,
        any_value(indicator_ordinal) as indicator_ordinal,
        any_value(target_pct) as target_pct, any_value(target_bp) as target_bp,
        cast(sum(numerator) as bigint) as numerator,
        cast(sum(denominator) as bigint) as denominator,
        cast(sum(women) as bigint) as women,
        cast(sum(ethnic_minority) as bigint) as ethnic_minority,
        count(*) filter (where has_report) as units_reporting,
        count(*) as units_expected,
        count(*) filter (where is_carried_forward) as units_carried_forward,
        count(*) filter (where denominator is null) as units_without_data,
        coalesce(sum(numerator) filter (where has_report), 0) as known_numerator,
        coalesce(sum(denominator) filter (where has_report), 0) as known_denominator,
        coalesce(sum(denominator) filter (where not has_report), 0) as missing_denominator
    from unit_rows
    group by plan_id, period_code, indicator_code
),

measured as (
    select
        s.*,
        case when denominator > 0 then 100.0 * numerator / denominator end as achieved_pct,
        case when known_denominator + missing_denominator > 0
            then 100.0 * known_numerator / (known_denominator + missing_denominator) end as achieved_pct_low,
        case when known_denominator + missing_denominator > 0
            then 100.0 * (known_numerator + missing_denominator) / (known_denominator + missing_denominator)
        end as achieved_pct_high,
        cast(round(pl.near_band_pp * 100) as bigint) as near_band_bp
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
            then greatest(0, (target_bp * denominator + 9999) // 10000 - numerator) end as gap_people,
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

select * from final;

-- The whole area's rows, stored per plan year by warehouse/snapshots.py (see 05_snapshots.sql).
create or replace table snapshot_target_progress as
select * from target_progress_live(now()) with no data;

-- target_progress_live's rows: for the whole area, from the snapshot for the plan years it answers;
-- live for the rest and for any choice of unit types or units.
create or replace macro target_progress_at(as_of, unit_types := [], units := []) as table
with fresh_area as materialized (  -- the plan years answered whole from the snapshot: computed and planned once
    select case when len(unit_types) = 0 and len(units) = 0 then fresh_snapshots(as_of) else [] end as ids
)
select * from snapshot_target_progress
where plan_id in (select p.plan_id from plans as p, fresh_area where list_contains(fresh_area.ids, p.plan_id))
union all
select * from target_progress_live(as_of, unit_types := unit_types, units := units,
    skip := (select ids from fresh_area));

create or replace view v_target_progress as
select * exclude (period_ordinal, indicator_ordinal) from target_progress_at(now());
