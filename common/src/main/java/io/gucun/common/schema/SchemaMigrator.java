package io.gucun.common.schema;

import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;

/**
 * Applies the Flyway migrations and then validates the Hibernate mapping against the migrated schema.
 * Unlike migrate-at-start, an unreachable database does not crash the service: it stays not-ready and
 * retries, so an orchestrator waits instead of restarting it in a loop.
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    @Inject
    Flyway flyway;

    @Inject
    SessionFactory sessionFactory;

    private volatile boolean ready;
    private volatile String problem = "schema not migrated yet";

    /** First attempt during start-up, so a reachable database is ready before the first request. */
    @Startup
    void migrateAtStart() {
        migrate();
    }

    @Scheduled(every = "${gucun.schema.retry-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        if (!ready) {
            migrate();
        }
    }

    synchronized void migrate() {
        if (ready) {
            return;
        }
        try {
            var result = flyway.migrate();
            sessionFactory.getSchemaManager().validateMappedObjects();
            ready = true;
            problem = null;
            LOG.infof("database schema ready at version %s (%d migrations applied now)",
                    result.targetSchemaVersion == null ? flyway.info().current().getVersion() : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (RuntimeException e) {
            problem = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
            LOG.warnf("database schema not ready, retrying: %s", problem);
        }
    }

    public boolean isReady() {
        return ready;
    }

    public String problem() {
        return problem;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Readiness
    @ApplicationScoped
    static class Check implements HealthCheck {
        @Inject
        SchemaMigrator migrator;

        @Override
        public HealthCheckResponse call() {
            // Through methods, not fields: the injected reference is a client proxy.
            boolean ready = migrator.isReady();
            var builder = HealthCheckResponse.named("database-schema").status(ready);
            if (!ready) {
                builder.withData("problem", migrator.problem());
            }
            return builder.build();
        }
    }
}
