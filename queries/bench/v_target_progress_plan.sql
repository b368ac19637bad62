-- Benchmark: v_target_progress for one plan year, as the dashboard asks it. Parameter: $plan_id.
select * from target_progress_at(now()) where plan_id = $plan_id;
