package io.gucun.common.outbox;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * For event consumers: apply an event again while the database is unreachable, instead of failing the channel.
 * <p>
 * A consumer method that throws makes SmallRye Reactive Messaging fail its channel (failure strategy {@code fail}): the
 * service stops consuming that topic and reports not-ready until it is restarted. For a bad event that is right; for a
 * database that is restarting it is not: the fault suite (R3) found dues and outreach not-ready for good after a
 * PostgreSQL restart. So a consumer wraps its transaction in {@link #retry}: while the failure is the database being
 * unreachable (SQLState class 08, or 57P01-57P03: shut down, crashed, starting), it waits (1 s, doubling up to 30 s)
 * and applies the same event again, holding back the partition's later events so their order is kept. The effect and
 * the processed-event row commit together, so a retry never applies an event twice.
 * <p>
 * A transaction that lost a conflict (serialization failure 40001, deadlock 40P01, lock timeout 55P03, a stale
 * optimistic version) is transient too and runs again the same way, but at most {@value #CONFLICT_ATTEMPTS} times: a
 * conflict that keeps coming back is the event's own, and the inbox then dead-letters it so the partition goes on. Any
 * other failure is thrown at once.
 */
public final class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);
    static final int CONFLICT_ATTEMPTS = 10;

    /** How the wait happens; tests pass one that records instead of sleeping. */
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private DatabaseOutage() {
    }

    /** Runs {@code work} until it does not fail because the database is unreachable. */
    public static void retry(String what, Runnable work) {
        retry(what, work, d -> Thread.sleep(d.toMillis()), e -> { });
    }

    static void retry(String what, Runnable work, Sleeper sleeper, Consumer<RuntimeException> onRetry) {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                if (attempt > 1) {
                    LOG.infof("%s applied after %d attempts: the database is back", what, attempt);
                }
                return;
            } catch (RuntimeException e) {
                boolean unreachable = isDatabaseUnreachable(e);
                if (!unreachable && (!isConflict(e) || attempt >= CONFLICT_ATTEMPTS)) {
                    throw e;
                }
                onRetry.accept(e);
                LOG.warnf("%s: %s (%s); trying again in %d s", what, unreachable ? "the database is unreachable"
                        : "the transaction lost a conflict", rootMessage(e), wait.toSeconds());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    /** Whether {@code e} (or a cause) says the database cannot be reached, as opposed to a refused statement. */
    public static boolean isDatabaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true; // Hibernate's translation of SQLState class 08
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code e} (or a cause) is a transaction that lost to a concurrent one and may succeed if run again:
     * serialization failure, deadlock, lock not available (lock_timeout), or a stale optimistic version.
     */
    public static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException
                    || t instanceof jakarta.persistence.PessimisticLockException || t instanceof jakarta.persistence.LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("40001") || state.equals("40P01") || state.equals("55P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a run again may succeed: the database unreachable, or a lost conflict. */
    public static boolean isTransient(Throwable e) {
        return isDatabaseUnreachable(e) || isConflict(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
