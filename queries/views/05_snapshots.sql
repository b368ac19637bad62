-- Pre-computed results per plan year, refreshed after every write (warehouse/snapshots.py), so the
-- dashboard and the documented views read a table instead of recomputing 100,000s of rows.
-- A snapshot is used only while it is provably current: the plan file, every submission, return
-- and void of that plan year are the ones it was built from (state_fingerprint), and the moment
-- asked about ($as_of) is not before the latest receipt or return (voids apply to every moment, so
-- their times do not bound it). Otherwise the view computes live.

-- Grain: one row per plan: what the derived results of that plan year depend on.
create or replace macro snapshot_state() as table
with subs as (
    select plan_id, count(*) as n_submissions,
        sum(hash(submission_id, unit_code, period_code, version, received_at, is_nil)) as submissions_hash,
        max(received_at) as last_received_at
    from submissions
    group by plan_id
),

rets as (
    select s.plan_id, count(*) as n_returns,
        sum(hash(r.submission_id, r.returned_at, r.withdrawn_at, r.kind)) as returns_hash,
        greatest(max(r.returned_at), max(r.withdrawn_at)) as last_return_at
    from submission_returns as r
    join submissions as s on s.submission_id = r.submission_id
    group by s.plan_id
),

voids as (
    select s.plan_id, count(*) as n_voids,
        sum(hash(v.submission_id, v.voided_at, v.restored_at)) as voids_hash
    from submission_voids as v
    join submissions as s on s.submission_id = v.submission_id
    group by s.plan_id
)

select
    p.plan_id,
    hash(p.plan_sha256, coalesce(s.n_submissions, 0), coalesce(s.submissions_hash, 0),
        coalesce(r.n_returns, 0), coalesce(r.returns_hash, 0),
        coalesce(v.n_voids, 0), coalesce(v.voids_hash, 0)) as state_fingerprint,
    -- An empty plan year's moment is year 1, not -infinity: the value goes through Python (year 1 is
    -- its earliest datetime) into snapshot_meta and must compare equal when it comes back.
    coalesce(greatest(s.last_received_at, r.last_return_at), timestamptz '0001-01-01 00:00:00+00') as last_event_at
from plans as p
left join subs as s on s.plan_id = p.plan_id
left join rets as r on r.plan_id = p.plan_id
left join voids as v on v.plan_id = p.plan_id;

-- One row per plan year whose snapshots were built, with the state they were built from (emptied
-- whenever the view definitions change: the snapshots are rebuilt on the next write).
create or replace table snapshot_meta (
    plan_id           varchar primary key,
    state_fingerprint ubigint not null,
    last_event_at     timestamptz not null,
    built_at          timestamptz not null
);

-- The plan years whose snapshots answer a question asked as of $as_of, as a list.
create or replace macro fresh_snapshots(as_of) as (
    select coalesce(list(m.plan_id), [])
    from snapshot_meta as m
    join snapshot_state() as s
        on s.plan_id = m.plan_id and s.state_fingerprint = m.state_fingerprint
        and s.last_event_at = m.last_event_at
    where as_of >= m.last_event_at
);
