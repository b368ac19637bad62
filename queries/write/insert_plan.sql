-- Writes one plan's dimension rows from the staged frames (staged_plans, staged_units, ...).
insert into plans by name select * from staged_plans;
insert into units by name select * from staged_units;
insert into indicators by name select * from staged_indicators;
insert into periods by name select * from staged_periods;
insert into unit_deadlines by name select * from staged_unit_deadlines;
insert into assignments by name select * from staged_assignments;
insert into plan_documents by name select * from staged_plan_documents;
insert into tasks by name select * from staged_tasks;
insert into task_assignments by name select * from staged_task_assignments;
insert into indicator_measures by name select * from staged_indicator_measures;
insert into indicator_milestones by name select * from staged_indicator_milestones;
insert into funding_sources by name select * from staged_funding_sources;
insert into case_measures by name select * from staged_case_measures;
