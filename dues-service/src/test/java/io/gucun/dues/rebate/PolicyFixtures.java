package io.gucun.dues.rebate;

import io.gucun.dues.ledger.LedgerAccount;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Rebate policy versions as an approved proposal leaves them, dated in the past: through the API a version can only
 * start today or later, and periods cannot be in the future, so a test of runs under a policy needs one set earlier.
 */
public final class PolicyFixtures {

    private PolicyFixtures() {
    }

    /** An approved version: STANDARD and NO_UNION return {@code grassrootsBp}, the rest to the town; SMALL_FIRM all. */
    public static long approved(String name, int version, String scopePath, String validFrom, int grassrootsBp) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = LedgerAccount.getEntityManager();
            long id = ((Number) em.createNativeQuery("insert into rebate_policy (name, version, scope_path, valid_from,"
                            + " small_firm_max_employees, note, created_at, created_by, status) values (?1, ?2, cast(?3 as ltree),"
                            + " cast(?4 as date), 25, 'fixture', now(), 'fixture', 'APPROVED') returning id")
                    .setParameter(1, name).setParameter(2, version).setParameter(3, scopePath).setParameter(4, validFrom)
                    .getSingleResult()).longValue();
            for (String category : new String[] {"STANDARD", "NO_UNION", "SMALL_FIRM"}) {
                int bp = category.equals("SMALL_FIRM") ? 10_000 : grassrootsBp;
                em.createNativeQuery("insert into rebate_rule (policy_id, category, grassroots_bp) values (?1, ?2, ?3)")
                        .setParameter(1, id).setParameter(2, category).setParameter(3, bp).executeUpdate();
                if (bp < 10_000) {
                    em.createNativeQuery("insert into rebate_level_share (policy_id, category, level, share_bp)"
                                    + " values (?1, ?2, 'TOWN', ?3)")
                            .setParameter(1, id).setParameter(2, category).setParameter(3, 10_000 - bp).executeUpdate();
                }
            }
            return id;
        });
    }
}
