package io.gucun.dues.job;

import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.UUID;

/** Opens jobs for the caller and shows them: to their submitter and to admins only. */
@ApplicationScoped
public class Jobs {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_KEY = 200;

    @Inject
    EntityManager em;

    @Inject
    CallerScope caller;

    @Inject
    BusinessTime time;

    /** A new QUEUED job of the caller, not yet persisted. */
    public DuesJob open(DuesJob.Kind kind, String idempotencyKey, String requestHash) {
        return DuesJob.queued(kind, Submitter.of(caller), idempotencyKey, requestHash, time.now());
    }

    /** 400 for a blank or overlong key; null when there is none. */
    public static String key(String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY) {
            throw ApiException.invalid(IDEMPOTENCY_KEY, "must be 1 to " + MAX_KEY + " characters");
        }
        return idempotencyKey;
    }

    /**
     * The caller's job started before under this key: the same job for the same request, 422 for another request
     * under the same key.
     */
    public Optional<DuesJob> sentBefore(DuesJob.Kind kind, String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        // The same key sent twice at once: the second waits here until the first has committed its job, then finds it
        // (a lock per caller, kind and key, held to the end of this transaction).
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(?1))) l")
                .setParameter(1, "dues-job:" + caller.username() + ":" + kind + ":" + idempotencyKey).getSingleResult();
        Optional<DuesJob> before = byKey(kind, idempotencyKey);
        if (before.isPresent() && !before.get().requestHash.equals(requestHash)) {
            throw ApiException.idempotencyKeyReused();
        }
        return before;
    }

    public Optional<DuesJob> byKey(DuesJob.Kind kind, String idempotencyKey) {
        return DuesJob.<DuesJob>find("submittedBy = ?1 and kind = ?2 and idempotencyKey = ?3", caller.username(), kind,
                idempotencyKey).firstResultOptional();
    }

    /** A job the caller may see; 404 otherwise (another's job is not revealed). */
    public DuesJob visible(UUID id) {
        DuesJob job = DuesJob.findById(id);
        if (job == null || !(caller.isAdmin() || job.submittedBy.equals(caller.username()))) {
            throw ApiException.notFound("job", id);
        }
        return job;
    }
}
