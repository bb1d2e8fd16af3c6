package io.gucun.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one clock every "now" of a service comes from. It runs in the business zone, so a day or month read from it
 * ({@code YearMonth.now(clock)}) is a business date; instants are the same in any zone. A test replaces it by
 * producing its own {@link Clock}.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(@ConfigProperty(name = BusinessTime.ZONE_PROPERTY, defaultValue = BusinessTime.DEFAULT_ZONE) ZoneId zone) {
        return Clock.system(zone);
    }
}
