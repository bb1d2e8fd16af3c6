package io.gucun.common.time;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "Now" from the injected {@link Clock}, and the zone business dates are counted in: a policy's validity, a deadline's
 * working days, today's sign-ups are days of the union's calendar ({@value #DEFAULT_ZONE} unless
 * {@value #ZONE_PROPERTY} says otherwise), while instants are stored in UTC.
 */
@Singleton
public class BusinessTime {

    public static final String ZONE_PROPERTY = "gucun.business-zone";
    public static final String DEFAULT_ZONE = "Asia/Shanghai";

    private final Clock clock;
    private final ZoneId zone;

    @Inject
    public BusinessTime(Clock clock, @ConfigProperty(name = ZONE_PROPERTY, defaultValue = DEFAULT_ZONE) ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public Clock clock() {
        return clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant instant() {
        return clock.instant();
    }

    /** Now as stored: UTC offset. */
    public OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    /** Today in the business zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** This month in the business zone. */
    public YearMonth month() {
        return YearMonth.from(today());
    }

    /** The business day {@code at} falls on. */
    public LocalDate dayOf(OffsetDateTime at) {
        return LocalDate.ofInstant(at.toInstant(), zone);
    }
}
