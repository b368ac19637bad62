-- Writes a batch of validated files from the staged frames, inside the caller's transaction.
-- The caller then runs write/refresh_current: the current version is the one received last
-- (a file received earlier but loaded later becomes a version, not the current one).
insert into submissions by name select * from staged_submissions;
insert into indicator_values by name select * from staged_values;
insert into activities by name select * from staged_activities;
insert into load_files by name select * from staged_load_files;
insert into problems by name select * from staged_problems;
insert into submission_details by name select * from staged_details;
insert into task_reports by name select * from staged_tasks;
insert into budget_lines by name select * from staged_budget;
insert into case_counts by name select * from staged_cases;
