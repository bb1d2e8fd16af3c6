-- 三同时 (Harbin): a union founded in step with the firm's life. Per firm and stage (REGISTERED, CONSTRUCTION,
-- OPERATING): the day the firm reached the stage as an officer recorded it, and the day the union step the stage calls
-- for was done. Days the partners' data or the register carry are derived when read, not stored here; a row here
-- overrides them.
create table founding_milestone (
    credit_code  varchar(18)  not null,
    stage        varchar(16)  not null,
    reached_on   date,
    step_done_on date,
    recorded_by  varchar(100) not null,
    recorded_at  timestamptz  not null,
    primary key (credit_code, stage),
    check (reached_on is not null or step_done_on is not null)
);
