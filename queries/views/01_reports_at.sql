-- Grain: one row per submission voided and not restored: a version filed by mistake, which never
-- counts, whatever moment is looked at (a void corrects the record, it is not an event in time).
create or replace macro voided_submissions() as table
select distinct submission_id
from submission_voids
where restored_at is null;

-- Grain: one row per submission returned and not withdrawn at $as_of (timestamptz), with the
-- latest such return's time, author, reason and kind ('return' or 'correction').
create or replace macro returns_at(as_of) as table
select
    submission_id,
    max(returned_at) as returned_at,
    arg_max(returned_by, returned_at) as returned_by,
    arg_max(reason, returned_at) as returned_reason,
    arg_max(kind, returned_at) as return_kind
from submission_returns
where returned_at <= as_of and (withdrawn_at is null or withdrawn_at > as_of)
group by submission_id;

-- Grain: one row per plan × unit × period with at least one version, not voided, received by
-- $as_of: the latest such version (received last; ties: highest version), returned or not.
-- first_received_at (timeliness) comes from the earliest version not under a plain return (a
-- minor correction keeps its version's receipt). is_held_back: the latest version is under a plain
-- return, so the report counts as not received. return_kind: the kind of the latest return standing
-- on any of these versions (null when none). Optional skip: plan ids left out, at the scan (a plan
-- answered from its snapshot costs nothing here).
create or replace macro latest_versions_at(as_of, skip := []) as table
with received as (
    select s.*, r.submission_id is not null as is_returned, r.returned_at, r.returned_by, r.returned_reason,
        r.return_kind as own_return_kind
    from submissions as s
    left join returns_at(as_of) as r on r.submission_id = s.submission_id
    join (select plan_id from plans where not list_contains(skip, plan_id)) as todo on todo.plan_id = s.plan_id
    where s.received_at <= as_of
        and s.submission_id not in (select submission_id from voided_submissions())
),

ranked as (
    select
        *,
        row_number() over w_desc as rank_desc,
        min(received_at) filter (where own_return_kind is distinct from 'return') over w_all as first_received_at,
        max(received_at) over w_all as last_received_at,
        count(*) over w_all as n_versions,
        arg_max(own_return_kind, returned_at) over w_all as return_kind
    from received
    window
        w_all as (partition by plan_id, unit_code, period_code),
        w_desc as (partition by plan_id, unit_code, period_code order by received_at desc, version desc)
),

final as (
    select
        plan_id, unit_code, period_code, submission_id, version, file_name, received_at,
        is_nil, first_received_at, last_received_at, n_versions,
        is_returned, coalesce(is_returned and own_return_kind = 'return', false) as is_held_back, return_kind,
        returned_at, returned_by, returned_reason
    from ranked
    where rank_desc = 1
)

select * from final;

-- Grain: one row per plan × unit × period whose report stands at $as_of: the latest version not
-- voided received by then, unless it is under a plain return (the report is then missing again
-- until a new version arrives; a minor correction keeps it standing). Optional skip: as
-- latest_versions_at.
create or replace macro reports_at(as_of, skip := []) as table
select * exclude (is_returned, is_held_back, return_kind, returned_at, returned_by, returned_reason)
from latest_versions_at(as_of, skip := skip)
where not is_held_back;
