-- Grain: one row per plan × period × unit type. Parameters: as_of (timestamptz); optional
-- unit_types / units (lists; empty = all).
-- expected = units assigned and valid in the period; received counts nil reports;
-- on_time / late classify every received report (nil included) by its first version.
create or replace macro reporting_rates_at(as_of, unit_types := [], units := []) as table
with counted as (
    select
        plan_id, period_code, unit_type, any_value(period_ordinal) as period_ordinal,
        count(*) as expected,
        count(*) filter (where first_received_at is not null) as received,
        count(*) filter (where is_on_time) as on_time,
        count(*) filter (where not is_on_time) as late,
        count(*) filter (where status = 'missing') as missing,
        count(*) filter (where status = 'not_yet_due') as not_yet_due,
        count(*) filter (where status = 'nil_report') as nil_report,
        avg(days_late) filter (where not is_on_time) as mean_days_late
    from reporting_status_at(as_of, unit_types := unit_types, units := units)
    group by plan_id, period_code, unit_type
),

final as (
    select
        plan_id, period_code, unit_type, expected, received, on_time, late, missing,
        not_yet_due, nil_report,
        100.0 * received / expected as reporting_rate_pct,
        100.0 * on_time / expected as on_time_rate_pct,
        case when received > 0 then 100.0 * on_time / received end as punctuality_pct,
        mean_days_late, period_ordinal
    from counted
)

select * from final;

create or replace view v_reporting_rates as
select * exclude (period_ordinal) from reporting_rates_at(now());
