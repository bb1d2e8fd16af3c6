-- An event Kafka refuses for good (too large, topic missing, not authorized) is parked instead of stopping the relay:
-- the rest keeps flowing, but its aggregate's later events wait behind it until an operator retries it.
alter table outbox_event add column parked_at   timestamptz;
alter table outbox_event add column park_reason varchar(300);
-- sends that failed while other events went out (a topic Kafka keeps not knowing is parked after a few)
alter table outbox_event add column failed_sends int not null default 0;
create index outbox_event_parked on outbox_event (aggregate_type, aggregate_id, seq)
    where parked_at is not null and published_at is null;
