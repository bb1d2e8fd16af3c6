package io.gucun.membership.db;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.gucun.common.db.JobTimeouts;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Issue 20, item 8: every connection of the datasource carries a lock_timeout and a statement_timeout, a job raises
 * them for its own transaction only, and a request that waits for a lock past the timeout is a 503 the client may
 * retry, not a 500 (nor a request hanging as long as the lock is held).
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "membership"))
class DatabaseTimeoutsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    @Inject
    JobTimeouts jobTimeouts;

    @Test
    void everyConnectionHasTheApisLockAndStatementTimeouts() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(show(c, "lock_timeout")).isEqualTo("5s");
            assertThat(show(c, "statement_timeout")).isEqualTo("30s");
        }
    }

    @Test
    void aJobRaisesThemForItsOwnTransactionOnly() {
        String inJob = QuarkusTransaction.requiringNew().call(() -> {
            jobTimeouts.raiseForThisTransaction();
            return em.createNativeQuery("select current_setting('statement_timeout') || ' ' || current_setting('lock_timeout')")
                    .getSingleResult().toString();
        });
        assertThat(inJob).isEqualTo("15min 1min");
        String after = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select current_setting('statement_timeout') || ' ' || current_setting('lock_timeout')")
                .getSingleResult().toString());
        assertThat(after).isEqualTo("30s 5s");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "org_path", value = "1"))
    void aRequestWaitingForALockPastTheTimeoutIsA503ToRetry() throws SQLException {
        given().when().get("/api/membership/orgs/1").then().statusCode(200);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                // What a long migration or a runaway transaction would hold: even readers of the table wait.
                s.execute("lock table union_org in access exclusive mode");
            }
            long started = System.nanoTime();
            given().when().get("/api/membership/orgs/1")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("type", equalTo("urn:gucun:problem:database-busy"));
            assertThat((System.nanoTime() - started) / 1_000_000).as("answered after the lock timeout, not the lock's end")
                    .isBetween(4_000L, 20_000L);
            holder.rollback();
        }
        given().when().get("/api/membership/orgs/1").then().statusCode(200);
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("show " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
