-- Benchmark: v_reporting_rates for one plan year, as the dashboard asks it. Parameter: $plan_id.
select * from reporting_rates_at(now()) where plan_id = $plan_id;
