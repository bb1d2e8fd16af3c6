package io.gucun.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** The fault suite's R3 finding: a consumer waits out a database restart instead of failing its channel for good. */
class DatabaseOutageTest {

    private static JDBCConnectionException refused() {
        return new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001"));
    }

    @Test
    void anUnreachableDatabaseIsWaitedOutWithGrowingPausesAndTheWorkRunsUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        DatabaseOutage.retry("test event", () -> {
            if (attempts.incrementAndGet() <= 7) {
                throw refused();
            }
        }, waits::add, e -> { });
        assertThat(attempts).hasValue(8);
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void aServerShuttingDownOrStartingCountsAsUnreachable() {
        for (String state : List.of("08006", "57P01", "57P02", "57P03")) {
            assertThat(DatabaseOutage.isDatabaseUnreachable(new RuntimeException(new SQLException("x", state)))).as(state).isTrue();
        }
    }

    @Test
    void anyOtherFailureIsThrownAtOnceAsBefore() {
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException refusedStatement = new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value", "23505"), "some_key");
        assertThatThrownBy(() -> DatabaseOutage.retry("test event", () -> {
            attempts.incrementAndGet();
            throw refusedStatement;
        }, d -> { }, e -> { })).isSameAs(refusedStatement);
        assertThat(attempts).hasValue(1);
        assertThat(DatabaseOutage.isDatabaseUnreachable(new IllegalStateException("bad event"))).isFalse();
    }

    @Test
    void aLostConflictRunsAgainButOnlyAFewTimes() {
        for (String state : List.of("40001", "40P01", "55P03")) {
            AtomicInteger attempts = new AtomicInteger();
            DatabaseOutage.retry("test event", () -> {
                if (attempts.incrementAndGet() <= 2) {
                    throw new RuntimeException(new SQLException("conflict", state));
                }
            }, d -> { }, e -> { });
            assertThat(attempts).as(state).hasValue(3);
        }
        AtomicInteger attempts = new AtomicInteger();
        RuntimeException deadlock = new RuntimeException(new SQLException("deadlock detected", "40P01"));
        assertThatThrownBy(() -> DatabaseOutage.retry("test event", () -> {
            attempts.incrementAndGet();
            throw deadlock;
        }, d -> { }, e -> { })).isSameAs(deadlock);
        assertThat(attempts).hasValue(DatabaseOutage.CONFLICT_ATTEMPTS);
        assertThat(DatabaseOutage.isTransient(new jakarta.persistence.OptimisticLockException("stale"))).isTrue();
        assertThat(DatabaseOutage.isTransient(new IllegalStateException("bad event"))).isFalse();
    }
}
