-- Rebuilds one plan year's snapshots as of its latest event, which is what every later moment
-- sees. Parameters: $plan_id, $state_fingerprint, $last_event_at (from snapshot_stale), $built_at.
-- The per-unit rows are stored in the order the extracts read them (a plan year's rows are then one
-- sorted run, which the reader's sort passes over instead of reordering 465,000 national rows).
delete from snapshot_target_progress_unit where plan_id = $plan_id;

insert into snapshot_target_progress_unit
select * from target_progress_unit_live($last_event_at) where plan_id = $plan_id
order by period_ordinal, indicator_ordinal, unit_code;

-- After the unit rows: target_progress_live sums them (live here, as snapshot_meta is not yet written).
delete from snapshot_target_progress where plan_id = $plan_id;

insert into snapshot_target_progress
select * from target_progress_live($last_event_at) where plan_id = $plan_id;

delete from snapshot_reporting_joined where plan_id = $plan_id;

insert into snapshot_reporting_joined
select * from reporting_joined_live($last_event_at) where plan_id = $plan_id
order by period_ordinal, unit_code;

delete from snapshot_participation where plan_id = $plan_id;

insert into snapshot_participation
select * from participation_live($last_event_at) where plan_id = $plan_id
order by quarter, unit_code, activity_type, target_group;

insert or replace into snapshot_meta (plan_id, state_fingerprint, last_event_at, built_at)
values ($plan_id, $state_fingerprint, $last_event_at, $built_at);
