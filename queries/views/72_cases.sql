-- Grain: one row per plan × period × unit that reports cases × case measure. Parameter: as_of
-- (timestamptz). Year-to-date counts from the current version (by $as_of) of the period's report,
-- carried forward from the latest earlier report of the year with a VuViec sheet (is_carried_forward).
-- Small numbers are never shown: a count from 1 to suppress_below − 1 reads null with is_suppressed,
-- and so do its breakdowns (as does any breakdown that is itself small).
create or replace macro cases_at(as_of) as table
with case_units as (
    select distinct s.plan_id, s.unit_code
    from submissions as s
    join submission_details as d on d.submission_id = s.submission_id
    where d.has_cases
),

slots as (
    select e.plan_id, e.period_code, e.period_ordinal, e.unit_code, e.unit_type, m.measure_code,
        m.ordinal as measure_ordinal, m.name_vi as measure_name_vi, m.name_en as measure_name_en, m.unit_vi,
        m.suppress_below
    from expected_reports() as e
    join case_units as c on c.plan_id = e.plan_id and c.unit_code = e.unit_code
    join case_measures as m on m.plan_id = e.plan_id
),

reported as (
    select r.plan_id, r.unit_code, r.period_code, p.ordinal as period_ordinal, m.measure_code,
        x.n_total, x.women, x.children
    from reports_at(as_of) as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    join submission_details as d on d.submission_id = r.submission_id and d.has_cases
    join case_measures as m on m.plan_id = r.plan_id
    left join case_counts as x on x.submission_id = r.submission_id and x.measure_code = m.measure_code
),

picked as (
    select s.*, v.period_code as source_period_code, v.n_total, v.women, v.children
    from slots as s
    asof left join reported as v
        on v.plan_id = s.plan_id and v.unit_code = s.unit_code
        and v.measure_code = s.measure_code and v.period_ordinal <= s.period_ordinal
),

final as (
    select
        plan_id, period_code, unit_code, unit_type, measure_code, measure_name_vi, measure_name_en, unit_vi,
        n_total between 1 and suppress_below - 1 as is_suppressed,
        case when n_total between 1 and suppress_below - 1 then null else n_total end as n_cases,
        case when n_total between 1 and suppress_below - 1 or women between 1 and suppress_below - 1
            then null else women end as women,
        case when n_total between 1 and suppress_below - 1 or children between 1 and suppress_below - 1
            then null else children end as children,
        source_period_code is not null and source_period_code <> period_code as is_carried_forward,
        source_period_code, period_ordinal, measure_ordinal
    from picked
)

select * from final;

create or replace view v_cases as
select * exclude (period_ordinal, measure_ordinal) from cases_at(now());
