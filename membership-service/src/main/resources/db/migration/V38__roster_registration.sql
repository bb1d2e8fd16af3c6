-- Bulk registration of an enterprise union's roster (issue 24, point 3). The body is staged row by row as it streams
-- in (each row's fields encrypted, erased once the row is processed); a runner then registers the rows a chunk at a
-- time. A chunk's members, cards, events, row outcomes and the job's counters commit together, so a job cut short by
-- a crash resumes after its last committed chunk, and no row is registered twice.
create table roster_job (
    id              uuid primary key,
    enterprise_id   bigint       not null references enterprise (id),
    union_org_id    bigint       not null references union_org (id),
    status          varchar(16)  not null, -- QUEUED, RUNNING, COMPLETED, FAILED
    format          varchar(8)   not null, -- CSV, JSON
    -- SHA-256 of the body: the same roster posted again for the same union answers with the first job.
    body_sha256     varchar(64)  not null,
    -- The submitter, as registrations name them, and what they may see (for the reject report's member ids).
    submitted_by    varchar(100) not null,
    viewer_admin    boolean      not null,
    viewer_officer  boolean      not null,
    viewer_subject  varchar(255),
    viewer_org_path varchar(1000),
    rows_total      integer      not null,
    rows_done       integer      not null default 0,
    registered      integer      not null default 0,
    rejected        integer      not null default 0,
    lease_owner     uuid,
    lease_until     timestamptz,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    error           varchar(500),
    constraint roster_job_body_uq unique (union_org_id, body_sha256)
);
create index roster_job_open on roster_job (status) where status in ('QUEUED', 'RUNNING');

create table roster_row (
    job_id         uuid         not null references roster_job (id),
    row_no         integer      not null, -- 1-based position in the roster
    line           integer      not null, -- line of the body where the row starts (the CSV header is line 1)
    fields         text,                  -- the row's fields as JSON, encrypted; null once processed
    outcome        varchar(16),           -- null while pending, REGISTERED or REJECTED
    member_id      bigint,
    id_number_hash varchar(64),           -- of a registered row: finds a later row of the same person
    reject_field   varchar(64),
    reject_reason  varchar(300),
    primary key (job_id, row_no)
);
create index roster_row_pending on roster_row (job_id, row_no) where outcome is null;
create index roster_row_person on roster_row (job_id, id_number_hash) where id_number_hash is not null;
