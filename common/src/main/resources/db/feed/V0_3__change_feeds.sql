-- Partner change feeds (io.gucun.common.feed.ChangeFeed), in the database of every service that keeps feeds (its
-- quarkus.flyway.locations names db/feed). A writer takes a transaction-scoped advisory lock before it draws a position
-- from feed_position and holds it until commit, so positions are in commit order and a reader paging by position never
-- skips or repeats an item. One sequence for all feeds of a service.
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

-- How far each feed was pruned: a cursor below pruned_through is answered 410.
create table feed_horizon (
    feed           varchar(64) primary key,
    pruned_through bigint      not null
);
