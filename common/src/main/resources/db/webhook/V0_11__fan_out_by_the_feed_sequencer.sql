-- Pushed feed items are now turned into deliveries by the feed sequencer, in the transaction that gives them their
-- positions (io.gucun.common.feed.FeedSequencer): no cursor of its own to keep.
drop table webhook_feed_cursor;
