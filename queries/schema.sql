-- Warehouse schema. Plan tables are re-synchronised from the plan files; submissions and
-- everything below them are append-only history, each row traceable to its file and load.

create table if not exists warehouse_info (
    key   varchar primary key,
    value varchar not null
);

create table if not exists plans (
    plan_id       varchar primary key,
    year          integer not null check (year between 1990 and 2100),
    area_vi       varchar not null,
    title_vi      varchar not null,
    timezone      varchar not null,
    near_band_pp  decimal(5, 2) not null check (near_band_pp between 0 and 100),
    plan_sha256   varchar not null
);

create table if not exists units (
    plan_id     varchar not null,
    unit_code   varchar not null,
    name_vi     varchar not null,
    name_en     varchar not null,
    unit_type   varchar not null check (unit_type in ('ward', 'commune', 'department', 'organisation', 'district', 'province', 'country')),
    gso_code    varchar,
    parent_code varchar,
    valid_from  date not null,
    valid_to    date,
    primary key (plan_id, unit_code),
    check (valid_to is null or valid_to >= valid_from)
);

create table if not exists indicators (
    plan_id        varchar not null,
    indicator_code varchar not null,
    ordinal        integer not null,
    name_vi        varchar not null,
    name_en        varchar not null,
    target_pct     decimal(5, 2) check (target_pct between 0 and 100),
    primary key (plan_id, indicator_code)
);

create table if not exists periods (
    plan_id     varchar not null,
    period_code varchar not null,
    ordinal     integer not null,
    name_vi     varchar not null,
    name_en     varchar not null,
    quarter     varchar not null,
    starts_on   date not null,
    ends_on     date not null,
    due_on      date not null,
    primary key (plan_id, period_code),
    check (ends_on >= starts_on)
);

-- Due date per unit and period after extensions, with the exclusive deadline instant
-- (00:00 of the next day in the plan's time zone).
create table if not exists unit_deadlines (
    plan_id     varchar not null,
    period_code varchar not null,
    unit_code   varchar not null,
    due_on      date not null,
    deadline_at timestamptz not null,
    primary key (plan_id, period_code, unit_code)
);

create table if not exists assignments (
    plan_id        varchar not null,
    unit_code      varchar not null,
    indicator_code varchar not null,
    primary key (plan_id, unit_code, indicator_code)
);

create table if not exists loads (
    load_id     integer primary key,
    started_at  timestamptz not null,
    finished_at timestamptz,
    source      varchar not null,
    loaded_by   varchar not null,
    n_files     integer not null default 0 check (n_files >= 0),
    n_accepted  integer not null default 0 check (n_accepted >= 0),
    n_rejected  integer not null default 0 check (n_rejected >= 0)
);

create table if not exists submissions (
    submission_id    integer primary key,
    plan_id          varchar not null,
    unit_code        varchar not null,
    period_code      varchar not null,
    version          integer not null check (version >= 1),
    is_current       boolean not null,
    sha256           varchar not null unique check (length(sha256) = 64),
    file_name        varchar not null,
    received_at      timestamptz not null,
    report_on        date,
    is_nil           boolean not null,
    prepared_by      varchar,
    phone            varchar,
    template_version varchar,
    load_id          integer not null references loads (load_id),
    unique (plan_id, unit_code, period_code, version)
);

create table if not exists indicator_values (
    submission_id   integer not null references submissions (submission_id),
    indicator_code  varchar not null,
    numerator       bigint not null check (numerator >= 0),
    denominator     bigint not null check (denominator >= 0),
    women           bigint check (women >= 0),
    ethnic_minority bigint check (ethnic_minority >= 0),
    note            varchar,
    source_row      integer not null,
    primary key (submission_id, indicator_code),
    check (numerator <= denominator),
    check (women is null or women <= numerator),
    check (ethnic_minority is null or ethnic_minority <= numerator)
);

create table if not exists activities (
    submission_id   integer not null references submissions (submission_id),
    line_no         integer not null,
    activity_on     date not null,
    activity_type   varchar not null,
    topic           varchar not null,
    target_group    varchar not null,
    participants    bigint not null check (participants >= 0),
    men             bigint not null check (men >= 0),
    women           bigint not null check (women >= 0),
    ethnic_minority bigint not null check (ethnic_minority >= 0),
    materials       bigint not null check (materials >= 0),
    note            varchar,
    activity_key    varchar not null,
    source_row      integer not null,
    primary key (submission_id, line_no),
    check (men + women = participants),
    check (ethnic_minority <= participants)
);

-- One row per file per load: what happened to it.
create table if not exists load_files (
    load_id       integer not null references loads (load_id),
    file_no       integer not null,
    file_name     varchar not null,
    sha256        varchar,
    outcome       varchar not null check (outcome in ('loaded', 'new_version', 'duplicate', 'rejected')),
    submission_id integer,
    unit_code     varchar,
    period_code   varchar,
    n_problems    integer not null default 0,
    primary key (load_id, file_no)
);

create table if not exists problems (
    load_id    integer not null references loads (load_id),
    file_no    integer not null,
    problem_no integer not null,
    sheet      varchar,
    row_no     integer,
    column_ref varchar,
    code       varchar not null,
    message_vi varchar not null,
    message_en varchar not null,
    fix_vi     varchar not null,
    fix_en     varchar not null,
    primary key (load_id, file_no, problem_no)
);

-- A review decision: the submission goes back to its unit. While a return stands
-- (returned_at <= moment < withdrawn_at), a plain return ('return') counts the report as not
-- received until a new version arrives; a minor correction ('correction') keeps the report counted
-- and its first receipt's timeliness.
create table if not exists submission_returns (
    submission_id integer not null references submissions (submission_id),
    returned_at   timestamptz not null,
    returned_by   varchar not null check (length(trim(returned_by)) > 0),
    reason        varchar not null check (length(trim(reason)) > 0),
    withdrawn_at  timestamptz,
    withdrawn_by  varchar,
    kind          varchar not null default 'return' check (kind in ('return', 'correction')),
    primary key (submission_id, returned_at),
    check (withdrawn_at is null or withdrawn_at >= returned_at)
);

-- A review decision: a version filed by mistake (wrong unit or period) is voided. While a void
-- stands (restored_at is null) that version never counts, at any moment looked at: not received,
-- not current, no figures; the report falls back to its previous versions. The row stays as history.
create table if not exists submission_voids (
    submission_id integer not null references submissions (submission_id),
    voided_at     timestamptz not null,
    voided_by     varchar not null check (length(trim(voided_by)) > 0),
    reason        varchar not null check (length(trim(reason)) > 0),
    restored_at   timestamptz,
    restored_by   varchar,
    primary key (submission_id, voided_at),
    check (restored_at is null or restored_at >= voided_at)
);

-- Every write, with who and when: loads, receipt-date changes, returns and their withdrawal,
-- voids and their restoration.
create table if not exists audit_log (
    event_id      integer primary key,
    acted_at      timestamptz not null,
    acted_by      varchar not null check (length(trim(acted_by)) > 0),
    action        varchar not null check (action in ('load', 'receipt_date', 'return', 'withdraw_return', 'void', 'restore_void')),
    load_id       integer,
    submission_id integer,
    old_value     varchar,
    new_value     varchar,
    reason        varchar
);
-- What the write did, said in the reader's language: JSON mapping a column (new_value, reason …) to a catalogue
-- key and its parameters ({"new_value": {"key": "audit.load", "params": {"files": 3, …}}}). Older rows have none
-- and keep their text.
alter table audit_log add column if not exists detail varchar;

-- ---- The plan's sections III, IV and VI (additive: older warehouses gain them on upgrade) ----------
-- HoatDong's optional last columns: the task an activity serves, its cost (đồng) and funding source.
alter table activities add column if not exists task_code varchar;
alter table activities add column if not exists cost bigint;
alter table activities add column if not exists funding_source varchar;

-- ThongTin's later rows and which of the newer sheets the file had (false: not reported).
create table if not exists submission_details (
    submission_id   integer primary key references submissions (submission_id),
    doc_number      varchar,
    doc_on          date,
    figures_as_of   date,
    head_of_unit    varchar,
    own_plan_number varchar,
    own_plan_on     date,
    is_mainstreamed boolean,
    gender_officer  varchar,
    has_tasks       boolean not null,
    has_budget      boolean not null,
    has_cases       boolean not null
);

create table if not exists task_reports (
    submission_id   integer not null references submissions (submission_id),
    task_code       varchar not null,
    status          varchar not null check (status in ('chua_trien_khai', 'dang_trien_khai', 'da_hoan_thanh',
                                                       'hoan_thanh_vuot', 'khong_thuc_hien', 'chuyen_nam_sau')),
    result          bigint check (result >= 0),
    women           bigint check (women >= 0),
    ethnic_minority bigint check (ethnic_minority >= 0),
    children        bigint check (children >= 0),
    highlights      varchar,
    evidence        varchar,
    difficulties    varchar,
    proposals       varchar,
    reason          varchar,
    source_row      integer not null,
    primary key (submission_id, task_code)
);

create table if not exists budget_lines (
    submission_id integer not null references submissions (submission_id),
    source_code   varchar not null,
    estimate      bigint check (estimate >= 0),
    spent         bigint check (spent >= 0),
    expected      bigint check (expected >= 0),
    settlement    bigint check (settlement >= 0),
    note          varchar,
    source_row    integer not null,
    primary key (submission_id, source_code)
);

-- Counts only: never a name, an age or an address. Small counts are suppressed by v_cases.
create table if not exists case_counts (
    submission_id integer not null references submissions (submission_id),
    measure_code  varchar not null,
    n_total       bigint not null check (n_total >= 0),
    women         bigint check (women >= 0 and women <= n_total),
    children      bigint check (children >= 0 and children <= n_total),
    note          varchar,
    source_row    integer not null,
    primary key (submission_id, measure_code)
);

-- Plan dimensions of the same sections, rewritten with the plan.
create table if not exists plan_documents (
    plan_id   varchar primary key,
    number    varchar,
    issued_on date not null,
    issuer_vi varchar not null,
    issuer_en varchar not null
);

create table if not exists tasks (
    plan_id         varchar not null,
    task_code       varchar not null,
    ordinal         integer not null,
    section         varchar not null,
    text_vi         varchar not null,
    text_en         varchar not null,
    measure_unit_vi varchar,
    measure_unit_en varchar,
    partners_vi     varchar,
    primary key (plan_id, task_code)
);

create table if not exists task_assignments (
    plan_id   varchar not null,
    unit_code varchar not null,
    task_code varchar not null,
    role      varchar not null check (role in ('chu_tri', 'phoi_hop')),
    primary key (plan_id, unit_code, task_code)
);

create table if not exists indicator_measures (
    plan_id         varchar not null,
    indicator_code  varchar not null,
    measure_vi      varchar not null,
    measure_en      varchar not null,
    primary key (plan_id, indicator_code)
);

create table if not exists indicator_milestones (
    plan_id        varchar not null,
    indicator_code varchar not null,
    period_code    varchar not null,
    target_pct     decimal(5, 2) not null check (target_pct between 0 and 100),
    primary key (plan_id, indicator_code, period_code)
);

create table if not exists funding_sources (
    plan_id     varchar not null,
    source_code varchar not null,
    ordinal     integer not null,
    name_vi     varchar not null,
    name_en     varchar not null,
    primary key (plan_id, source_code)
);

create table if not exists case_measures (
    plan_id        varchar not null,
    measure_code   varchar not null,
    ordinal        integer not null,
    name_vi        varchar not null,
    name_en        varchar not null,
    unit_vi        varchar not null,
    suppress_below integer not null check (suppress_below >= 1),
    primary key (plan_id, measure_code)
);
