-- The report counts of a group of reporting_status_at rows (an aggregate: call it with a group by,
-- and unnest the struct into its columns). expected = units assigned and valid in the period;
-- received counts nil reports; on_time / late classify every received report (nil included) by its
-- first version.
create or replace macro reporting_counts(first_received_at, is_on_time, status) as {
    'expected': count(*),
    'received': count(*) filter (where first_received_at is not null),
    'on_time': count(*) filter (where is_on_time),
    'late': count(*) filter (where not is_on_time),
    'missing': count(*) filter (where status = 'missing'),
    'not_yet_due': count(*) filter (where status = 'not_yet_due'),
    'nil_report': count(*) filter (where status = 'nil_report')
};

-- The rates of a group's counts: ratios of the counts, never an average of percentages.
-- punctuality = on_time / received = on_time / (on_time + late).
create or replace macro reporting_pcts(expected, received, on_time) as {
    'reporting_rate_pct': 100.0 * received / expected,
    'on_time_rate_pct': 100.0 * on_time / expected,
    'punctuality_pct': case when received > 0 then 100.0 * on_time / received end
};

-- Grain: one row per plan × period × unit type. Parameters: as_of (timestamptz); optional
-- unit_types / units (lists; empty = all).
create or replace macro reporting_rates_at(as_of, unit_types := [], units := []) as table
with counted as (
    select
        plan_id, period_code, unit_type, any_value(period_ordinal) as period_ordinal,
        unnest(reporting_counts(first_received_at, is_on_time, status)),
        avg(days_late) filter (where not is_on_time) as mean_days_late
    from reporting_status_at(as_of, unit_types := unit_types, units := units)
    group by plan_id, period_code, unit_type
),

final as (
    select
        plan_id, period_code, unit_type, expected, received, on_time, late, missing,
        not_yet_due, nil_report, unnest(reporting_pcts(expected, received, on_time)),
        mean_days_late, period_ordinal
    from counted
)

select * from final;

-- Grain: one row per plan × period, every unit type together: the totals beside reporting_rates_at,
-- counted and rated by the same rules. Parameters: as reporting_rates_at.
create or replace macro reporting_totals_at(as_of, unit_types := [], units := []) as table
with counted as (
    select
        plan_id, period_code, any_value(period_ordinal) as period_ordinal,
        unnest(reporting_counts(first_received_at, is_on_time, status))
    from reporting_status_at(as_of, unit_types := unit_types, units := units)
    group by plan_id, period_code
),

final as (
    select
        plan_id, period_code, expected, received, on_time, late, missing, not_yet_due, nil_report,
        unnest(reporting_pcts(expected, received, on_time)), period_ordinal
    from counted
)

select * from final;

-- Grain: one row per plan × period × unit of type $level, counting the reports of every unit below
-- it as v_reporting_rates counts them. Parameters: as_of (timestamptz), level (unit type); optional
-- unit_types / units (lists; empty = all) restrict the units counted.
create or replace macro reporting_rates_rollup_at(as_of, level, unit_types := [], units := []) as table
with counted as (
    select
        s.plan_id, s.period_code, a.ancestor_code as unit_code, any_value(a.ancestor_type) as unit_type,
        any_value(a.ancestor_name_vi) as unit_name_vi, any_value(a.ancestor_name_en) as unit_name_en,
        any_value(s.period_ordinal) as period_ordinal,
        unnest(reporting_counts(s.first_received_at, s.is_on_time, s.status))
    from reporting_status_at(as_of, unit_types := unit_types, units := units) as s
    join unit_ancestors() as a on a.plan_id = s.plan_id and a.unit_code = s.unit_code
    where a.ancestor_type = level
    group by s.plan_id, s.period_code, a.ancestor_code
),

final as (
    select *, unnest(reporting_pcts(expected, received, on_time))
    from counted
)

select * from final;

create or replace view v_reporting_rates as
select * exclude (period_ordinal) from reporting_rates_at(now());
