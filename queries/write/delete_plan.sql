-- Removes one plan's dimension rows before they are written again. Parameter: $plan_id.
delete from case_measures where plan_id = $plan_id;
delete from funding_sources where plan_id = $plan_id;
delete from indicator_milestones where plan_id = $plan_id;
delete from indicator_measures where plan_id = $plan_id;
delete from task_assignments where plan_id = $plan_id;
delete from tasks where plan_id = $plan_id;
delete from plan_documents where plan_id = $plan_id;
delete from assignments where plan_id = $plan_id;
delete from unit_deadlines where plan_id = $plan_id;
delete from periods where plan_id = $plan_id;
delete from indicators where plan_id = $plan_id;
delete from units where plan_id = $plan_id;
delete from plans where plan_id = $plan_id;
