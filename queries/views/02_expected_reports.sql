-- Grain: one row per plan × period × unit expected to report (assigned to at least one
-- indicator and valid at some time during the period), with its due date after extensions.
-- Optional skip: plan ids left out, at the scan (those answered from their snapshot).
create or replace macro expected_reports(skip := []) as table
with assigned as (
    -- Only the plan years asked for: when every one is answered from its snapshot, nothing is left
    -- to de-duplicate (instead of every assignment of every year).
    select distinct plan_id, unit_code from assignments where not list_contains(skip, plan_id)
),

final as (
    select
        u.plan_id, p.period_code, p.ordinal as period_ordinal, u.unit_code, u.unit_type,
        u.name_vi as unit_name_vi, u.name_en as unit_name_en, d.due_on, d.deadline_at
    from units as u
    join (select plan_id from plans where not list_contains(skip, plan_id)) as todo on todo.plan_id = u.plan_id
    join assigned as a on a.plan_id = u.plan_id and a.unit_code = u.unit_code
    join periods as p
        on p.plan_id = u.plan_id
        and u.valid_from <= p.ends_on
        and (u.valid_to is null or u.valid_to >= p.starts_on)
    join unit_deadlines as d
        on d.plan_id = u.plan_id and d.period_code = p.period_code and d.unit_code = u.unit_code
)

select * from final;
