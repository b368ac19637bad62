-- Grain: one row per audited write touching one unit's report for one period (its loads, receipt
-- changes, returns), newest first; detail (JSON) says what it did as catalogue keys and parameters.
-- Parameters: $plan_id, $unit_code, $period_code.
with versions as (
    select submission_id, load_id, version
    from submissions
    where plan_id = $plan_id and unit_code = $unit_code and period_code = $period_code
),

final as (
    select a.acted_at, a.acted_by, a.action, v.version, a.old_value, a.new_value, a.reason, a.detail
    from audit_log as a
    join versions as v
        on v.submission_id = a.submission_id or (a.action = 'load' and a.load_id = v.load_id)
)

select * from final order by acted_at desc, version desc;
