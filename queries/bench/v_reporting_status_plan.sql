-- Benchmark: v_reporting_status for one plan year, as the dashboard asks it. Parameter: $plan_id.
select * from reporting_status_at(now()) where plan_id = $plan_id;
