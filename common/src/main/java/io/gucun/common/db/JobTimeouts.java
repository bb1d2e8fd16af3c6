package io.gucun.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every connection of a service's datasource carries {@code lock_timeout} and {@code statement_timeout} (5 s and 30 s
 * unless {@code GUCUN_DB_LOCK_TIMEOUT} / {@code GUCUN_DB_STATEMENT_TIMEOUT} say otherwise): bounds for API work, so a
 * request stuck behind a lock or a runaway query gives its connection back. Jobs that legitimately run longer (a
 * rebate run over a whole province, an import batch, pruning a feed after a long outage) raise both for their own
 * transaction only: {@code set_config(..., true)} is {@code SET LOCAL}, gone at commit or rollback, so the pooled
 * connection returns to the API's bounds.
 */
@ApplicationScoped
public class JobTimeouts {

    private static final String SQL =
            "select set_config('statement_timeout', ?, true), set_config('lock_timeout', ?, true)";

    @ConfigProperty(name = "gucun.db.job-statement-timeout", defaultValue = "15min")
    String statementTimeout;

    @ConfigProperty(name = "gucun.db.job-lock-timeout", defaultValue = "1min")
    String lockTimeout;

    @Inject
    EntityManager em;

    /** Raises the timeouts for the current transaction (which must be active) of the service's persistence context. */
    public void raiseForThisTransaction() {
        em.createNativeQuery(SQL).setParameter(1, statementTimeout).setParameter(2, lockTimeout).getSingleResult();
    }

    /** The same on a connection taken from the datasource inside the current transaction. */
    public void raiseForThisTransaction(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, statementTimeout);
            ps.setString(2, lockTimeout);
            ps.executeQuery().close();
        }
    }
}
