-- Large work as jobs: a collection import or a rebate run answers 202 with a job and runs in the background.
-- A runner holds a job by its lease (renewed while it works); a job whose lease ran out (its process died) is
-- claimed again by any instance and resumes after its last committed chunk.
create table dues_job (
    id               uuid         primary key,
    kind             varchar(24)  not null check (kind in ('COLLECTION_IMPORT', 'REBATE_RUN')),
    status           varchar(12)  not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    -- Who started it, with the roles and org scope the job acts under (re-checked when it runs).
    submitted_by     varchar(100) not null,
    submitter_roles  varchar(200) not null,
    submitter_scope  varchar(200),
    idempotency_key  varchar(200),
    -- What the request was, to refuse an Idempotency-Key sent again with another request.
    request_hash     varchar(64)  not null,
    org_id           bigint,
    period           varchar(7),
    format           varchar(8),
    -- A rebate run's result shows one page of its lines, as the request asked.
    lines_page       integer,
    lines_size       integer,
    import_id        bigint       references collection_import (id),
    chunks           integer      not null default 0,
    chunks_done      integer      not null default 0,
    rows_total       bigint       not null default 0,
    rows_done        bigint       not null default 0,
    posted           bigint       not null default 0,
    duplicates       bigint       not null default 0,
    rejected         bigint       not null default 0,
    flagged          bigint       not null default 0,
    -- json, not jsonb: kept as written, members in the order the API documents them
    result           json,
    problem          json,
    lease_until      timestamptz,
    attempts         integer      not null default 0,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    version          integer      not null default 0
);
create unique index dues_job_idempotency on dues_job (submitted_by, kind, idempotency_key) where idempotency_key is not null;
create index dues_job_open on dues_job (lease_until) where status in ('QUEUED', 'RUNNING');

-- The spooled body of an import, parsed into chunks of rows as it streamed in (never held whole in memory), and
-- each chunk's results once it is committed.
create table dues_job_chunk (
    job_id   uuid    not null references dues_job (id) on delete cascade,
    seq      integer not null,
    rows     jsonb   not null,
    results  jsonb,
    primary key (job_id, seq)
);
