package io.gucun.outreach.event;

public enum EventStatus {
    SCHEDULED, HELD, CANCELLED
}
