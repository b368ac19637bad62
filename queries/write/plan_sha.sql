-- The fingerprint of the plan as last synchronised. Parameter: $plan_id.
select plan_sha256 from plans where plan_id = $plan_id;
