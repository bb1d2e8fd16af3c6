-- The trace of the request that recorded the event (W3C traceparent, 55 characters; null outside a trace): the relay
-- publishes the event as a child of it, so a consumer's work joins that request's trace.
alter table outbox_event add column trace_parent varchar(64);
