-- The participation figures of a group of rows, summed (an aggregate: call it with a group by, and
-- unnest the struct into its columns). The one definition of the six measures every participation
-- table carries: v_participation sums activities (each counting 1), roll-ups and pages sum its rows.
create or replace macro participation_sums(n_activities, participants, men, women, ethnic_minority, materials) as {
    'n_activities': cast(sum(n_activities) as bigint),
    'participants': cast(sum(participants) as bigint),
    'men': cast(sum(men) as bigint),
    'women': cast(sum(women) as bigint),
    'ethnic_minority': cast(sum(ethnic_minority) as bigint),
    'materials': cast(sum(materials) as bigint)
};

-- Grain: one row per plan × calendar quarter × unit × activity type × target group.
-- Parameters: as_of (timestamptz); optional unit_types / units (lists; empty = all); skip (list
-- of plan ids left out: those answered from their snapshot).
-- Activities are dated facts: one listed again in a later
-- report counts once (same activity_key), with the figures of the latest report listing it.
create or replace macro participation_live(as_of, unit_types := [], units := [], skip := []) as table
with listed as (
    select r.plan_id, r.unit_code, a.*,
        row_number() over (
            partition by r.plan_id, r.unit_code, a.activity_key
            order by p.ordinal desc, r.version desc
        ) as pick
    from reports_at(as_of, skip := skip) as r
    join periods as p on p.plan_id = r.plan_id and p.period_code = r.period_code
    join activities as a on a.submission_id = r.submission_id
),

final as (
    select
        l.plan_id,
        strftime(l.activity_on, '%Y') || '-Q' || quarter(l.activity_on) as quarter,
        l.unit_code, u.unit_type, l.activity_type, l.target_group,
        unnest(participation_sums(1, l.participants, l.men, l.women, l.ethnic_minority, l.materials))
    from listed as l
    join units as u on u.plan_id = l.plan_id and u.unit_code = l.unit_code
    where l.pick = 1
        and (len(unit_types) = 0 or list_contains(unit_types, u.unit_type))
        and (len(units) = 0 or list_contains(units, l.unit_code))
    group by l.plan_id, quarter, l.unit_code, u.unit_type, l.activity_type, l.target_group
)

select * from final;

-- The same rows, stored per plan year by warehouse/snapshots.py (see 05_snapshots.sql).
create or replace table snapshot_participation as
select * from participation_live(now()) with no data;

-- participation_live's rows: from the snapshot for the plan years it answers, live for the rest.
create or replace macro participation_at(as_of, unit_types := [], units := []) as table
with fresh_pa as materialized (select fresh_snapshots(as_of) as ids)  -- computed and planned once
select * from snapshot_participation
where plan_id in (select p.plan_id from plans as p, fresh_pa where list_contains(fresh_pa.ids, p.plan_id))
    and (len(unit_types) = 0 or list_contains(unit_types, unit_type))
    and (len(units) = 0 or list_contains(units, unit_code))
union all
select * from participation_live(as_of, unit_types := unit_types, units := units,
    skip := (select ids from fresh_pa));

create or replace view v_participation as
select * from participation_at(now());
