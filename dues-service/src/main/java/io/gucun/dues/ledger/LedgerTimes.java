package io.gucun.dues.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps as native queries return them, as instants. */
public final class LedgerTimes {

    private LedgerTimes() {
    }

    public static Instant instant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + o);
    }
}
