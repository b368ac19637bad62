-- Writes a batch of validated files from the staged frames, inside the caller's transaction.
-- Older versions of each staged unit × period stop being current.
update submissions as s set is_current = false
from staged_submissions as n
where n.is_current and s.is_current
    and s.plan_id = n.plan_id and s.unit_code = n.unit_code and s.period_code = n.period_code;
insert into submissions by name select * from staged_submissions;
insert into indicator_values by name select * from staged_values;
insert into activities by name select * from staged_activities;
insert into load_files by name select * from staged_load_files;
insert into problems by name select * from staged_problems;
