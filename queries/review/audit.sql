-- Grain: one row per audited write touching one unit's report for one period (its loads, receipt
-- changes, returns), newest first; detail (JSON, where the warehouse has it) says what it did as catalogue
-- keys and parameters. a.* so a warehouse not yet upgraded (no detail column) still reads.
-- Parameters: $plan_id, $unit_code, $period_code.
with versions as (
    select submission_id, load_id, version
    from submissions
    where plan_id = $plan_id and unit_code = $unit_code and period_code = $period_code
),

final as (
    select v.version, a.* exclude (event_id, load_id, submission_id)
    from audit_log as a
    join versions as v
        on v.submission_id = a.submission_id or (a.action = 'load' and a.load_id = v.load_id)
)

select * from final order by acted_at desc, version desc;
