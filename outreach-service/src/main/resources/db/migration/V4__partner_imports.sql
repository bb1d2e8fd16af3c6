-- A partner's bulk import: the file is staged on disk and processed in batches; each batch's upserts, rejects,
-- counters and checkpoint commit together, so an import cut short by a crash resumes after its last batch and
-- nothing is counted twice.
create table import_job (
    id              uuid primary key,
    kind            varchar(32)  not null,
    status          varchar(16)  not null,
    submitted_by    varchar(100) not null,
    staged_file     varchar(500) not null,
    rows_read       bigint       not null default 0,
    rows_accepted   bigint       not null default 0,
    rows_rejected   bigint       not null default 0,
    checkpoint_line bigint       not null default 1,
    lease_until     timestamptz,
    created_at      timestamptz  not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    error           varchar(500),
    version         integer      not null default 0
);
create index import_job_submitter on import_job (submitted_by, created_at desc);
create index import_job_open on import_job (status) where status in ('QUEUED', 'RUNNING');

create table import_reject (
    job_id uuid         not null references import_job (id),
    line   bigint       not null,
    reason varchar(300) not null,
    primary key (job_id, line)
);

-- Social insurance: who is insured by which employer. The person only as a keyed hash of the ID number.
create table insured_person (
    id_hash              varchar(64) primary key,
    employer_credit_code varchar(18) not null,
    insured_since        date        not null,
    status               varchar(16) not null,
    job_id               uuid        not null,
    updated_at           timestamptz not null
);
create index insured_person_employer on insured_person (employer_credit_code) where status = 'ACTIVE';

-- Tax: an enterprise's headcount and payroll per period (YYYY-MM).
create table tax_record (
    credit_code varchar(18)    not null,
    period      varchar(7)     not null,
    headcount   integer        not null,
    payroll     numeric(18, 2) not null,
    job_id      uuid           not null,
    updated_at  timestamptz    not null,
    primary key (credit_code, period)
);
