-- Grain: one row per plan × period × unit expected to report its budget × funding source. Parameter:
-- as_of (timestamptz). Amounts in đồng, year to date, from the current version (by $as_of) of the
-- period's report, carried forward from the latest earlier report of the year that had a KinhPhi sheet
-- (is_carried_forward); null when no report of the year gave the line. spent_pct = 100 × spent / estimate.
create or replace macro budget_at(as_of) as table
with budget_units as (
    select distinct s.plan_id, s.unit_code
    from submissions as s
    join submission_details as d on d.submission_id = s.submission_id
    where d.has_budget
),

slots as (
    select e.plan_id, e.period_code, e.period_ordinal, e.unit_code, e.unit_type, f.source_code,
        f.ordinal as source_ordinal, f.name_vi as source_name_vi, f.name_en as source_name_en
    from expected_reports() as e
    join budget_units as b on b.plan_id = e.plan_id and b.unit_code = e.unit_code
    join funding_sources as f on f.plan_id = e.plan_id
),

reported as (
    select r.plan_id, r.unit_code, r.period_code, p.ordinal as period_ordinal, f.source_code,
        l.estimate, l.spent, l.expected, l.settlement
    from reports_at(as_of) as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    join submission_details as d on d.submission_id = r.submission_id and d.has_budget
    join funding_sources as f on f.plan_id = r.plan_id
    left join budget_lines as l on l.submission_id = r.submission_id and l.source_code = f.source_code
),

picked as (
    select s.*, v.period_code as source_period_code, v.estimate, v.spent, v.expected, v.settlement
    from slots as s
    asof left join reported as v
        on v.plan_id = s.plan_id and v.unit_code = s.unit_code
        and v.source_code = s.source_code and v.period_ordinal <= s.period_ordinal
),

final as (
    select
        plan_id, period_code, unit_code, unit_type, source_code, source_name_vi, source_name_en,
        estimate, spent, expected, settlement,
        case when estimate > 0 then 100.0 * spent / estimate end as spent_pct,
        source_period_code is not null and source_period_code <> period_code as is_carried_forward,
        source_period_code, period_ordinal, source_ordinal
    from picked
)

select * from final;

create or replace view v_budget as
select * exclude (period_ordinal, source_ordinal) from budget_at(now());
