-- Partner feed items are no longer positioned in the business transaction (issue 24: that took one advisory lock per
-- database, so every join, transfer and leave committed one after the other). The business transaction only adds its
-- item here; after the commit, one sequencer (io.gucun.common.feed.FeedSequencer, single-active per database) moves
-- committed items to feed_entry, drawing positions from feed_position in its own transactions, and deletes them here
-- in the same transaction. A rolled-back change leaves no row here; a committed one stays until it is sequenced.
-- The id orders items only within what the sequencer sees at once; it must keep the default cache of 1, so that an
-- item written after another one committed always has the larger id (FeedSequencer explains why that is enough).
create table feed_pending (
    id          bigint       generated always as identity primary key,
    feed        varchar(64)  not null,
    item_id     uuid         not null,
    item_type   varchar(64)  not null,
    subject     varchar(128) not null,
    data        jsonb        not null,
    occurred_at timestamptz  not null,
    written_at  timestamptz  not null default clock_timestamp()
);
