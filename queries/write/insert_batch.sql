-- Writes a batch of validated files from the staged frames, inside the caller's transaction.
-- Then, for each staged unit × period, the current version is the one received last
-- (a file received earlier but loaded later becomes a version, not the current one).
insert into submissions by name select * from staged_submissions;
insert into indicator_values by name select * from staged_values;
insert into activities by name select * from staged_activities;
insert into load_files by name select * from staged_load_files;
insert into problems by name select * from staged_problems;
update submissions as s set is_current = (s.submission_id = latest.submission_id)
from (
    select distinct on (x.plan_id, x.unit_code, x.period_code)
        x.plan_id, x.unit_code, x.period_code, x.submission_id
    from submissions as x
    join (select distinct plan_id, unit_code, period_code from staged_submissions) as k
        on k.plan_id = x.plan_id and k.unit_code = x.unit_code and k.period_code = x.period_code
    order by x.plan_id, x.unit_code, x.period_code, x.received_at desc, x.version desc
) as latest
where s.plan_id = latest.plan_id and s.unit_code = latest.unit_code and s.period_code = latest.period_code;
