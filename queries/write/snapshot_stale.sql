-- The plan years whose snapshots are missing or were built from another state than today's
-- (see views/05_snapshots.sql), with the state to build them from.
select s.plan_id, s.state_fingerprint, s.last_event_at
from snapshot_state() as s
left join snapshot_meta as m on m.plan_id = s.plan_id
where m.plan_id is null
    or m.state_fingerprint <> s.state_fingerprint
    or m.last_event_at <> s.last_event_at
order by s.plan_id;
