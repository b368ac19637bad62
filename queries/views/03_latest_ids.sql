-- Grain: one row per plan × unit × period with a version not voided: the one received last (ties:
-- highest version), which is the one flagged is_current in submissions.
create or replace macro latest_submission_ids() as table
select distinct on (plan_id, unit_code, period_code) plan_id, unit_code, period_code, submission_id
from submissions
where submission_id not in (select submission_id from voided_submissions())
order by plan_id, unit_code, period_code, received_at desc, version desc;
