-- Writes one plan's dimension rows from the staged frames (staged_plans, staged_units, ...).
insert into plans by name select * from staged_plans;
insert into units by name select * from staged_units;
insert into indicators by name select * from staged_indicators;
insert into periods by name select * from staged_periods;
insert into unit_deadlines by name select * from staged_unit_deadlines;
insert into assignments by name select * from staged_assignments;
