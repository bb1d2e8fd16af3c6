package io.gucun.dues.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.gucun.infra.test.ServiceInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OrgCreated (opening the org's accounts) and UnionFounded (a posting to the new union, which opens them too) are
 * consumed at once from two topics. Whichever inserts second must find the accounts, not fail: a failure dead-letters
 * the OrgCreated, and the org stays unknown to dues for good.
 */
@QuarkusTest
@QuarkusTestResource(value = ServiceInfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "dues"))
class AccountOpeningRaceTest {

    @Inject
    LedgerAccounts accounts;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void openingWhileAConcurrentPostingOpensTheSameAccountsWaitsForItAndOpensNothingTwice() throws Exception {
        long org = 640_001;
        try (Connection posting = dataSource.getConnection()) {
            posting.setAutoCommit(false);
            // the posting's transaction opens the CASH account and has not committed yet
            try (PreparedStatement ps = posting.prepareStatement("insert into ledger_account (org_id, purpose, currency, opened_at)"
                    + " values (?, 'CASH', 'CNY', now())")) {
                ps.setLong(1, org);
                ps.executeUpdate();
            }
            CompletableFuture<Integer> opening = CompletableFuture.supplyAsync(
                    () -> QuarkusTransaction.requiringNew().call(() -> accounts.openFor(org)));
            Thread.sleep(500);
            assertThat(opening).as("waits on the uncommitted account").isNotDone();
            posting.commit();
            assertThat(opening.get(30, TimeUnit.SECONDS)).isEqualTo(AccountPurpose.values().length - 1);
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> LedgerAccount.ofOrg(org)))
                .hasSize(AccountPurpose.values().length)
                .extracting(a -> a.purpose).doesNotHaveDuplicates();
        assertThat(QuarkusTransaction.requiringNew().call(() -> accounts.openFor(org))).isZero();
    }
}
