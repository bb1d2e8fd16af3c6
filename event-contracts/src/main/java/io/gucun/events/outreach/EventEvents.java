package io.gucun.events.outreach;

import java.time.OffsetDateTime;

/** Payloads of the outreach event aggregate's events (topic outreach.event.v1); no personal data. */
public final class EventEvents {

    public static final String AGGREGATE = "event";

    private EventEvents() {
    }

    public record OutreachEventScheduled(long eventId, long siteId, String siteKind, long orgId, String orgPath,
                                         String gridCode, String title, OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    public record OutreachEventHeld(long eventId, long orgId, String orgPath, OffsetDateTime heldAt, long signUps) {
    }
}
