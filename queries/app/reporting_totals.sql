-- Grain: plan × period, over all the units chosen in the filters (every unit type together), as of $as_of.
-- Rates are ratios of the summed counts, as in reporting_rates_at (never an average of percentages).
-- Parameters: $plan_id, $as_of, $unit_types, $units.
with summed as (
    select
        period_code, any_value(period_ordinal) as period_ordinal,
        sum(expected) as expected, sum(received) as received, sum(on_time) as on_time, sum(late) as late,
        sum(missing) as missing, sum(not_yet_due) as not_yet_due, sum(nil_report) as nil_report
    from reporting_rates_at($as_of, unit_types := $unit_types, units := $units)
    where plan_id = $plan_id
    group by period_code
),

final as (
    select
        period_code, cast(expected as bigint) as expected, cast(received as bigint) as received,
        cast(on_time as bigint) as on_time, cast(late as bigint) as late, cast(missing as bigint) as missing,
        cast(not_yet_due as bigint) as not_yet_due, cast(nil_report as bigint) as nil_report,
        100.0 * received / expected as reporting_rate_pct,
        100.0 * on_time / expected as on_time_rate_pct,
        case when on_time + late > 0 then 100.0 * on_time / (on_time + late) end as punctuality_pct,
        period_ordinal
    from summed
)

select * from final
order by period_ordinal;
