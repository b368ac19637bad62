-- Benchmark: v_participation for one plan year, as the dashboard asks it. Parameter: $plan_id.
select * from participation_at(now()) where plan_id = $plan_id;
