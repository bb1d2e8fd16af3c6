-- Partner change feeds (io.gucun.common.feed.ChangeFeed): the partners' results of their own imports. The same
-- tables as every service that keeps feeds: positions drawn under a transaction-scoped advisory lock, in commit order.
create sequence feed_position;

create table feed_entry (
    position    bigint       primary key,
    feed        varchar(64)  not null,
    item_id     uuid         not null,
    item_type   varchar(64)  not null,
    subject     varchar(128) not null,
    data        jsonb        not null,
    occurred_at timestamptz  not null,
    recorded_at timestamptz  not null default clock_timestamp(),
    unique (feed, item_id)
);
create index feed_entry_feed_position on feed_entry (feed, position);
create index feed_entry_recorded on feed_entry (recorded_at);

create table feed_horizon (
    feed           varchar(64) primary key,
    pruned_through bigint      not null
);
