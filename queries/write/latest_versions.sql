-- Highest version so far of each staged unit × period (staged_keys: plan_id, unit_code, period_code).
select k.plan_id, k.unit_code, k.period_code, coalesce(max(s.version), 0) as version
from staged_keys as k
left join submissions as s
    on s.plan_id = k.plan_id and s.unit_code = k.unit_code and s.period_code = k.period_code
group by k.plan_id, k.unit_code, k.period_code;
