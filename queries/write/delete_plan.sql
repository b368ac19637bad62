-- Removes one plan's dimension rows before they are written again. Parameter: $plan_id.
delete from assignments where plan_id = $plan_id;
delete from unit_deadlines where plan_id = $plan_id;
delete from periods where plan_id = $plan_id;
delete from indicators where plan_id = $plan_id;
delete from units where plan_id = $plan_id;
delete from plans where plan_id = $plan_id;
