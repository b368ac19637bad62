-- Re-flags is_current after receipts change: for each unit × period, the version received last.
update submissions as s set is_current = (s.submission_id = l.submission_id)
from latest_submission_ids() as l
where s.plan_id = l.plan_id and s.unit_code = l.unit_code and s.period_code = l.period_code
    and s.is_current <> (s.submission_id = l.submission_id);
