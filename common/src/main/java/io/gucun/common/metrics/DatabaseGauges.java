package io.gucun.common.metrics;

import io.gucun.common.schema.SchemaMigrator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Gauges read from the database (pending sign-ups, owed grants), for the dashboards and alerts in
 * {@code deploy/observability}. Each is read on a schedule ({@code gucun.metrics.database-interval}, 30 s), never at
 * scrape time, so a scrape never waits for the database; until the first read, and while the database is unreachable,
 * it shows its last value.
 */
@ApplicationScoped
public class DatabaseGauges {

    private static final Logger LOG = Logger.getLogger(DatabaseGauges.class);

    private record Measured(String name, Supplier<Number> query, AtomicLong value) {
    }

    @Inject
    MeterRegistry registry;

    @Inject
    SchemaMigrator schema;

    private final List<Measured> gauges = new CopyOnWriteArrayList<>();

    /** Registers gauge {@code name}, set from {@code query} (run in a transaction of its own) on each read. */
    public void register(String name, String description, String baseUnit, Supplier<Number> query) {
        Measured m = new Measured(name, query, new AtomicLong());
        Gauge.builder(name, m.value(), AtomicLong::get).description(description).baseUnit(baseUnit).register(registry);
        gauges.add(m);
        measure(m);
    }

    @Scheduled(every = "${gucun.metrics.database-interval:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void measure() {
        gauges.forEach(this::measure);
    }

    private void measure(Measured m) {
        if (!schema.isReady()) {
            return;
        }
        try {
            Number n = QuarkusTransaction.requiringNew().call(() -> m.query().get());
            m.value().set(n == null ? 0 : n.longValue());
        } catch (RuntimeException e) {
            LOG.debugf("gauge %s not refreshed: %s", m.name(), e.toString());
        }
    }
}
