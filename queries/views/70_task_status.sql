-- Grain: one row per plan × period × task × unit the task is assigned to and expected to report in
-- the period. Parameter: as_of (timestamptz).
-- The status comes from the current version (by $as_of) of the period's report; a unit that has not
-- sent the period, sent a file without the NhiemVu sheet or left the task blank is carried forward
-- from its latest earlier report of the same plan year (is_carried_forward), like indicator values;
-- status 'not_reported' when no report of the year has it.
create or replace macro task_status_at(as_of) as table
with slots as (
    select e.plan_id, e.period_code, e.period_ordinal, a.task_code, t.ordinal as task_ordinal, t.section,
        e.unit_code, e.unit_type, a.role, t.measure_unit_vi, t.measure_unit_en
    from expected_reports() as e
    join task_assignments as a on a.plan_id = e.plan_id and a.unit_code = e.unit_code
    join tasks as t on t.plan_id = a.plan_id and t.task_code = a.task_code
),

reported as (
    select r.plan_id, r.unit_code, r.period_code, p.ordinal as period_ordinal, r.submission_id, x.* exclude (submission_id)
    from reports_at(as_of) as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    join task_reports as x on x.submission_id = r.submission_id
),

picked as (
    select s.*, v.period_code as source_period_code, v.submission_id, v.status, v.result, v.women,
        v.ethnic_minority, v.children, v.highlights, v.evidence, v.difficulties, v.proposals, v.reason
    from slots as s
    asof left join reported as v
        on v.plan_id = s.plan_id and v.unit_code = s.unit_code
        and v.task_code = s.task_code and v.period_ordinal <= s.period_ordinal
),

final as (
    select
        plan_id, period_code, task_code, section, unit_code, unit_type, role,
        coalesce(status, 'not_reported') as status,
        result, measure_unit_vi, measure_unit_en, women, ethnic_minority, children,
        highlights, evidence, difficulties, proposals, reason,
        source_period_code is not null and source_period_code <> period_code as is_carried_forward,
        source_period_code, submission_id, period_ordinal, task_ordinal
    from picked
)

select * from final;

create or replace view v_task_status as
select * exclude (period_ordinal, task_ordinal) from task_status_at(now());
