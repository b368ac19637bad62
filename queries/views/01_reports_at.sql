-- Grain: one row per plan × unit × period that had at least one accepted version by $as_of.
-- Parameter: as_of (timestamptz). Current = the version received last by then (ties: highest version);
-- first_received_at (timeliness) comes from the earliest accepted version.
create or replace macro reports_at(as_of) as table
with received as (
    select *
    from submissions
    where received_at <= as_of
),

ranked as (
    select
        *,
        row_number() over w_desc as rank_desc,
        min(received_at) over w_all as first_received_at,
        max(received_at) over w_all as last_received_at,
        count(*) over w_all as n_versions
    from received
    window
        w_all as (partition by plan_id, unit_code, period_code),
        w_desc as (partition by plan_id, unit_code, period_code order by received_at desc, version desc)
),

final as (
    select
        plan_id, unit_code, period_code, submission_id, version, file_name, received_at,
        is_nil, first_received_at, last_received_at, n_versions
    from ranked
    where rank_desc = 1
)

select * from final;
