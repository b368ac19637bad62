-- Benchmark: v_target_progress_unit for one plan year, as the dashboard asks it. Parameter: $plan_id.
select * from target_progress_unit_at(now()) where plan_id = $plan_id;
