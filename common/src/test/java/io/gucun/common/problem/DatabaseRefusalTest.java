package io.gucun.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Input that passed validation but that the database cannot store (a NUL character in text, a too long string, a
 * number out of range: SQLSTATE class 22) is the client's 400, not our 500; a broken integrity constraint (class 23)
 * is a 409. Neither answer quotes the database's message, which may hold the input. A lock timeout, deadlock or
 * serialization failure is a transient 503 with Retry-After; a statement timeout a 503 of its own type.
 */
class DatabaseRefusalTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aDataExceptionAnywhereInTheCausesIsA400WithoutTheDatabasesMessage() {
        SQLException nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00 secret-input", "22021");
        Response r = mappers.unexpected(new IllegalStateException("storing failed", new RuntimeException(nul)), null, null);
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem p = (Problem) r.getEntity();
        assertThat(p.type()).isEqualTo("urn:gucun:problem:unstorable-value");
        assertThat(p.detail()).doesNotContain("secret-input");
    }

    @Test
    void aBatchsNextExceptionCountsAndAConstraintViolationIsA409() {
        BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key", "23505"));
        Response r = mappers.unexpected(new IllegalStateException(batch), null, null);
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:gucun:problem:conflict");
    }

    @Test
    void aStaleWriteFoundAtCommitIsA409LikeOneFoundBefore() {
        // As the transaction interceptor delivers it: the flush at commit failed on a moved version.
        Throwable atCommit = new io.quarkus.arc.ArcUndeclaredThrowableException(new jakarta.transaction.RollbackException(
                "rolled back") {
            {
                initCause(new jakarta.persistence.OptimisticLockException(new org.hibernate.StaleObjectStateException("Site", 6L)));
            }
        });
        Response r = mappers.unexpected(atCommit, null, null);
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:gucun:problem:concurrent-modification");
        assertThat(mappers.unexpected(new IllegalStateException(new org.hibernate.StaleStateException("row count 0")), null, null)
                .getStatus()).isEqualTo(409);
    }

    @Test
    void aLockTimeoutADeadlockOrASerializationFailureIsA503ToRetryNotA500() {
        for (String state : java.util.List.of("55P03", "40P01", "40001")) {
            SQLException busy = new SQLException("canceling statement due to lock timeout", state);
            Response r = mappers.unexpected(new jakarta.persistence.PessimisticLockException(new RuntimeException(busy)), null, null);
            assertThat(r.getStatus()).as(state).isEqualTo(503);
            assertThat(r.getHeaderString("Retry-After")).as(state).isEqualTo("1");
            assertThat(r.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
            assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:gucun:problem:database-busy");
        }
    }

    @Test
    void aStatementTimeoutIsA503NamingIt() {
        SQLException canceled = new SQLException("canceling statement due to statement timeout", "57014");
        Response r = mappers.unexpected(new IllegalStateException(canceled), null, null);
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(((Problem) r.getEntity()).type()).isEqualTo("urn:gucun:problem:statement-timeout");
        assertThat(((Problem) r.getEntity()).extensionMembers()).doesNotContainKey("errorId");
    }

    @Test
    void anythingElseStaysA500WithAnErrorId() {
        Response r = mappers.unexpected(new NullPointerException("x"), null, null);
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(((Problem) r.getEntity()).extensionMembers()).containsKey("errorId");
        assertThat(mappers.unexpected(new IllegalStateException(new SQLException("connection refused", "08001")), null, null)
                .getStatus()).isEqualTo(500);
    }
}
