-- Grain: one row per version of one unit's report for one period, oldest first, with who loaded
-- it, whether a return stands at $now (and its kind), whether it is voided (who, when, why: the
-- latest void, standing or restored) and the last change of its receipt time. Voided versions stay
-- listed. Parameters: $plan_id, $unit_code, $period_code, $now (timestamptz).
with receipt_changes as (
    select submission_id, max(acted_at) as receipt_set_at, arg_max(acted_by, acted_at) as receipt_set_by
    from audit_log
    where action = 'receipt_date'
    group by submission_id
),

voids as (
    select submission_id, max(voided_at) as voided_at, arg_max(voided_by, voided_at) as voided_by,
        arg_max(reason, voided_at) as void_reason, arg_max_null(restored_at, voided_at) as void_restored_at,
        arg_max_null(restored_by, voided_at) as void_restored_by
    from submission_voids
    group by submission_id
),

final as (
    select
        s.version, s.submission_id, s.file_name, s.received_at, s.report_on, s.is_nil, s.prepared_by,
        s.is_current, l.loaded_by, l.started_at as loaded_at,
        r.submission_id is not null as is_returned, r.returned_at, r.returned_by, r.returned_reason,
        r.return_kind, c.receipt_set_at, c.receipt_set_by,
        (select count(*) from indicator_values as v where v.submission_id = s.submission_id) as n_values,
        (select count(*) from activities as a where a.submission_id = s.submission_id) as n_activities,
        coalesce(vd.voided_at is not null and vd.void_restored_at is null, false) as is_voided,
        vd.voided_at, vd.voided_by, vd.void_reason, vd.void_restored_at, vd.void_restored_by
    from submissions as s
    join loads as l on l.load_id = s.load_id
    left join returns_at($now) as r on r.submission_id = s.submission_id
    left join receipt_changes as c on c.submission_id = s.submission_id
    left join voids as vd on vd.submission_id = s.submission_id
    where s.plan_id = $plan_id and s.unit_code = $unit_code and s.period_code = $period_code
)

select * from final order by version;
