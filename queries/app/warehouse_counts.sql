-- Grain: one row. How much the warehouse holds for a plan. Parameter: $plan_id.
select
    (select count(*) from submissions where plan_id = $plan_id) as n_submissions,
    (select count(*) from indicator_values as v join submissions as s using (submission_id)
        where s.plan_id = $plan_id) as n_values,
    (select count(*) from activities as a join submissions as s using (submission_id)
        where s.plan_id = $plan_id) as n_activities,
    (select count(*) from loads) as n_loads;
