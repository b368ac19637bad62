-- Grain: one row per consistency warning at $as_of that involves one of the submissions given,
-- on either side of the comparison. Parameters: $submission_ids (list), $as_of (timestamptz).
select
    plan_id, unit_code, period_code, submission_id, indicator_code, warning_code,
    previous_period_code, previous_submission_id, previous_value, value
from consistency_warnings_at($as_of, skip := (
    -- only the plan years of the submissions given
    select coalesce(list(plan_id), []) from plans where plan_id not in (
        select s.plan_id from submissions as s where list_contains($submission_ids, s.submission_id))))
where list_contains($submission_ids, submission_id) or list_contains($submission_ids, previous_submission_id);
