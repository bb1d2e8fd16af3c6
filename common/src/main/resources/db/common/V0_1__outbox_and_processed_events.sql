-- Shared plumbing tables, present in every service's own database.

-- Events written in the business transaction; the relay publishes them in seq order.
create table outbox_event (
    seq            bigint generated always as identity primary key,
    event_id       uuid         not null unique,
    aggregate_type varchar(64)  not null,
    aggregate_id   varchar(128) not null,
    event_type     varchar(128) not null,
    topic          varchar(255) not null,
    payload        jsonb        not null,
    occurred_at    timestamptz  not null,
    published_at   timestamptz
);
create index outbox_event_pending on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Event ids each consumer has applied, written in the same transaction as the effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
