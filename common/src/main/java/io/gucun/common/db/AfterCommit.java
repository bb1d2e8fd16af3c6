package io.gucun.common.db;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must see the caller's transaction committed (a wake-up of a background worker), never after a rollback. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} on the committing thread once the caller's transaction has committed. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
