-- Grain: one submission, with its period's start, whether a return stands at $now and whether a
-- void stands. Parameters: $submission_id, $now (timestamptz).
select
    s.submission_id, s.plan_id, s.unit_code, s.period_code, s.version, s.received_at, s.is_current,
    p.starts_on, r.submission_id is not null as is_returned,
    s.submission_id in (select submission_id from voided_submissions()) as is_voided, s.file_name
from submissions as s
join periods as p on p.plan_id = s.plan_id and p.period_code = s.period_code
left join returns_at($now) as r on r.submission_id = s.submission_id
where s.submission_id = $submission_id;
