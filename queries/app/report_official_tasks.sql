-- Grain: one row per task × unit assigned to it, for one plan and period, over the whole plan area as of
-- $as_of: the official report's task paragraphs and the units' difficulties and proposals.
-- Parameters: $plan_id, $period (period code), $as_of (timestamptz).
select
    s.task_code, s.section, t.text_vi, t.text_en, s.unit_code, u.name_vi as unit_name_vi,
    u.name_en as unit_name_en, s.role, s.status, s.result, s.measure_unit_vi, s.measure_unit_en,
    s.difficulties, s.proposals, s.is_carried_forward, s.task_ordinal
from task_status_at($as_of) as s
join tasks as t on t.plan_id = s.plan_id and t.task_code = s.task_code
join units as u on u.plan_id = s.plan_id and u.unit_code = s.unit_code
where s.plan_id = $plan_id and s.period_code = $period
order by s.task_ordinal, s.unit_code;
