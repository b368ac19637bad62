-- Grain: one row per file of one load: what happened to it, and the version it became.
-- Parameter: $load_id.
with files as (
    select * from load_files where load_id = $load_id
),

final as (
    select
        f.load_id, f.file_no, f.file_name, f.outcome,
        coalesce(f.unit_code, s.unit_code) as unit_code,
        coalesce(f.period_code, s.period_code) as period_code,
        s.version, s.received_at, f.n_problems
    from files as f
    left join submissions as s on s.submission_id = f.submission_id
)

select * from final
order by file_no;
