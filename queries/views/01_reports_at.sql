-- Grain: one row per submission returned for correction and not withdrawn at $as_of (timestamptz),
-- with the latest such return's time, author and reason.
create or replace macro returns_at(as_of) as table
select
    submission_id,
    max(returned_at) as returned_at,
    arg_max(returned_by, returned_at) as returned_by,
    arg_max(reason, returned_at) as returned_reason
from submission_returns
where returned_at <= as_of and (withdrawn_at is null or withdrawn_at > as_of)
group by submission_id;

-- Grain: one row per plan × unit × period with at least one version received by $as_of: the
-- latest version (received last; ties: highest version), returned for correction or not.
-- first_received_at (timeliness) comes from the earliest version not returned. Optional skip: plan
-- ids left out, at the scan (a plan answered from its snapshot costs nothing here).
create or replace macro latest_versions_at(as_of, skip := []) as table
with received as (
    select s.*, r.submission_id is not null as is_returned, r.returned_at, r.returned_by, r.returned_reason
    from submissions as s
    left join returns_at(as_of) as r on r.submission_id = s.submission_id
    join (select plan_id from plans where not list_contains(skip, plan_id)) as todo on todo.plan_id = s.plan_id
    where s.received_at <= as_of
),

ranked as (
    select
        *,
        row_number() over w_desc as rank_desc,
        min(received_at) filter (where not is_returned) over w_all as first_received_at,
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
        is_nil, first_received_at, last_received_at, n_versions,
        is_returned, returned_at, returned_by, returned_reason
    from ranked
    where rank_desc = 1
)

select * from final;

-- Grain: one row per plan × unit × period whose report stands at $as_of: the latest version
-- received by then, unless it has been returned for correction (the report is then missing again
-- until a new version arrives). Optional skip: as latest_versions_at.
create or replace macro reports_at(as_of, skip := []) as table
select * exclude (is_returned, returned_at, returned_by, returned_reason)
from latest_versions_at(as_of, skip := skip)
where not is_returned;
