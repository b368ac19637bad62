-- Grain: one row per case measure of one plan and period, over every unit that reports cases, as of
-- $as_of (year to date): the official report's cases paragraph. Reads cases_at only, so the small counts
-- it hides stay hidden: n_shown sums the counts it shows, units_hidden counts the units whose count it hides.
-- Parameters: $plan_id, $period (period code), $as_of (timestamptz).
select
    measure_code, measure_name_vi, measure_name_en, unit_vi,
    sum(n_cases) as n_shown,
    count(*) filter (where is_suppressed) as units_hidden,
    count(n_cases) as units_shown
from cases_at($as_of)
where plan_id = $plan_id and period_code = $period
group by measure_code, measure_name_vi, measure_name_en, unit_vi, measure_ordinal
order by measure_ordinal;
