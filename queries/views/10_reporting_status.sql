-- Grain: one row per plan × period × expected unit, with its latest version at $as_of (if any).
-- Optional skip: plan ids left out (those answered from their snapshot).
create or replace macro reporting_joined_live(as_of, unit_types := [], units := [], skip := []) as table
with expected as (
    select * from expected_reports(skip := skip)
    where (len(unit_types) = 0 or list_contains(unit_types, unit_type))
        and (len(units) = 0 or list_contains(units, unit_code))
),

joined as (
    select e.*,
        case when not r.is_held_back then r.first_received_at end as first_received_at,
        r.last_received_at, coalesce(r.n_versions, 0) as n_versions,
        case when not r.is_held_back then r.is_nil end as is_nil, r.submission_id, r.version as current_version, r.file_name as current_file_name,
        coalesce(r.is_returned, false) as is_returned, r.returned_at, r.returned_reason, r.return_kind
    from expected as e
    left join latest_versions_at(as_of, skip := skip) as r
        on r.plan_id = e.plan_id and r.period_code = e.period_code and r.unit_code = e.unit_code
)

select * from joined;

-- The same rows, stored per plan year by warehouse/snapshots.py (see 05_snapshots.sql).
create or replace table snapshot_reporting_joined as
select * from reporting_joined_live(now()) with no data;

-- Grain: one row per plan × period × expected unit. Parameters: as_of (timestamptz); optional
-- unit_types / units (lists; empty = all) restrict the units.
-- A report whose latest version is under a plain return counts as not received (missing, or not
-- yet due) until a new version arrives, which is then on time or late by its own receipt; under a
-- minor correction the report stays received, on time or late by its first receipt, also once the
-- corrected version arrives. is_returned and returned_reason describe the latest version;
-- return_kind ('return' / 'correction' / null) the latest return standing on any of the report's
-- versions, i.e. which rule decided its timeliness. Voided versions do not count at all.
-- Timeliness from the first accepted version: on time when received before the exclusive
-- deadline (00:00 of the day after the due day, plan time zone). days_late counts started
-- days after the due day; for a missing report, the days overdue as of $as_of.
-- The expected reports joined with their latest versions do not change between two events; they
-- are stored per plan year (snapshot_reporting_joined), while status and days late, which move with
-- $as_of, are computed at every read (live := true: the stored rows are not used).
create or replace macro reporting_status_at(as_of, unit_types := [], units := [], live := false) as table
with fresh_status as materialized (select case when live then [] else fresh_snapshots(as_of) end as ids),

joined as (
    select * from snapshot_reporting_joined
    where plan_id in (select p.plan_id from plans as p, fresh_status where list_contains(fresh_status.ids, p.plan_id))
        and (len(unit_types) = 0 or list_contains(unit_types, unit_type))
        and (len(units) = 0 or list_contains(units, unit_code))
    union all
    select * from reporting_joined_live(as_of, unit_types := unit_types, units := units,
        skip := (select ids from fresh_status))
),

final as (
    select
        plan_id, period_code, unit_code, unit_type, unit_name_vi, unit_name_en, due_on, deadline_at,
        first_received_at, last_received_at, n_versions,
        case
            when first_received_at is null and as_of < deadline_at then 'not_yet_due'
            when first_received_at is null then 'missing'
            when is_nil then 'nil_report'
            when first_received_at < deadline_at then 'on_time'
            else 'late'
        end as status,
        first_received_at < deadline_at as is_on_time,
        coalesce(is_nil, false) as is_nil,
        case
            when first_received_at is not null and first_received_at < deadline_at then 0
            when first_received_at is not null
                then cast(floor((epoch(first_received_at) - epoch(deadline_at)) / 86400) as integer) + 1
            when as_of >= deadline_at
                then cast(floor((epoch(as_of) - epoch(deadline_at)) / 86400) as integer) + 1
        end as days_late,
        submission_id, current_version, current_file_name,
        is_returned, returned_at, returned_reason, return_kind, period_ordinal
    from joined
)

select * from final;

create or replace view v_reporting_status as
select * exclude (period_ordinal) from reporting_status_at(now());
