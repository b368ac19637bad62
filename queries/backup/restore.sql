-- Fills an empty warehouse from a backup's tables, registered as staged_<table>, parents first
-- (its warehouse_info replaces the fresh file's).
delete from warehouse_info;
insert into warehouse_info by name select * from staged_warehouse_info;
insert into plans by name select * from staged_plans;
insert into units by name select * from staged_units;
insert into indicators by name select * from staged_indicators;
insert into periods by name select * from staged_periods;
insert into unit_deadlines by name select * from staged_unit_deadlines;
insert into assignments by name select * from staged_assignments;
insert into loads by name select * from staged_loads;
insert into submissions by name select * from staged_submissions;
insert into indicator_values by name select * from staged_indicator_values;
insert into activities by name select * from staged_activities;
insert into load_files by name select * from staged_load_files;
insert into problems by name select * from staged_problems;
insert into submission_returns by name select * from staged_submission_returns;
insert into audit_log by name select * from staged_audit_log;
insert into plan_documents by name select * from staged_plan_documents;
insert into tasks by name select * from staged_tasks;
insert into task_assignments by name select * from staged_task_assignments;
insert into indicator_measures by name select * from staged_indicator_measures;
insert into indicator_milestones by name select * from staged_indicator_milestones;
insert into funding_sources by name select * from staged_funding_sources;
insert into case_measures by name select * from staged_case_measures;
insert into submission_details by name select * from staged_submission_details;
insert into task_reports by name select * from staged_task_reports;
insert into budget_lines by name select * from staged_budget_lines;
insert into case_counts by name select * from staged_case_counts;
