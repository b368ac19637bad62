-- Grain: one row per funding source of one plan and period, summed over every unit that reports its
-- budget, as of $as_of (year to date, đồng): the official report's budget paragraph. A sum is null when
-- no unit gave the line. spent_pct = 100 × Σ spent / Σ estimate (never an average of percentages).
-- Parameters: $plan_id, $period (period code), $as_of (timestamptz).
select
    source_code, source_name_vi, source_name_en,
    sum(estimate) as estimate, sum(spent) as spent, sum(settlement) as settlement,
    case when sum(estimate) > 0 then 100.0 * sum(spent) / sum(estimate) end as spent_pct,
    count(estimate) as units_with_figures, count(*) as units_expected
from budget_at($as_of)
where plan_id = $plan_id and period_code = $period
group by source_code, source_name_vi, source_name_en, source_ordinal
order by source_ordinal;
