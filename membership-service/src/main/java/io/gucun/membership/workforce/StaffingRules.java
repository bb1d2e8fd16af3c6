package io.gucun.membership.workforce;

import io.gucun.common.security.OrgPaths;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Staffing of professional union social workers against a dated ratio policy (Shanghai: one per 2,000–3,000 workers or
 * per 30–50 enterprises). The range is read as a load per social worker: an org's subtree is SHORT when its social
 * workers would each carry more than the upper figure of workers or of enterprises (either one), i.e. when it has fewer
 * than {@code required = max(ceil(workers / workersMax), ceil(enterprises / enterprisesMax))}. At the lower figures it
 * would need {@code target = max(ceil(workers / workersMin), ceil(enterprises / enterprisesMin))}; up to that it is
 * WITHIN_RANGE, more is BEYOND_RANGE (staffed better than the policy asks). Workers are the active members of the orgs
 * in the subtree; enterprises those registered there and not closed.
 *
 * <p>A policy of an org covers its subtree, a policy without org covers every org; on a day the policy in force of the
 * deepest covering org wins (ties: the one that started last, then the one created last).
 */
public final class StaffingRules {

    /** One dated policy; {@code orgPath} null means it covers every org. {@code validTo} is exclusive. */
    public record Policy(long id, String orgPath, int workersMin, int workersMax, int enterprisesMin, int enterprisesMax,
                         LocalDate validFrom, LocalDate validTo) {

        public boolean inForceOn(LocalDate day) {
            return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
        }

        boolean covers(String path) {
            return orgPath == null || OrgPaths.isWithin(path, orgPath);
        }

        int depth() {
            return orgPath == null ? -1 : OrgPaths.depth(orgPath);
        }
    }

    public enum Verdict {
        /** Fewer social workers than the upper figures require. */
        SHORT,
        /** Between what the upper and the lower figures ask. */
        WITHIN_RANGE,
        /** More social workers than even the lower figures ask. */
        BEYOND_RANGE
    }

    /** The judgement of one org's subtree. */
    public record Staffing(long socialWorkers, long required, long target, Verdict verdict) {

        public long shortBy() {
            return Math.max(0, required - socialWorkers);
        }
    }

    private StaffingRules() {
    }

    public static Optional<Policy> policyFor(Collection<Policy> policies, String orgPath, LocalDate day) {
        return policies.stream()
                .filter(p -> p.inForceOn(day) && p.covers(orgPath))
                .max(Comparator.comparingInt(Policy::depth)
                        .thenComparing(Policy::validFrom)
                        .thenComparingLong(Policy::id));
    }

    public static Staffing judge(Policy policy, long workers, long enterprises, long socialWorkers) {
        long required = Math.max(ceilDiv(workers, policy.workersMax()), ceilDiv(enterprises, policy.enterprisesMax()));
        long target = Math.max(ceilDiv(workers, policy.workersMin()), ceilDiv(enterprises, policy.enterprisesMin()));
        Verdict verdict = socialWorkers < required ? Verdict.SHORT
                : socialWorkers <= target ? Verdict.WITHIN_RANGE : Verdict.BEYOND_RANGE;
        return new Staffing(socialWorkers, required, target, verdict);
    }

    private static long ceilDiv(long count, int perSocialWorker) {
        return Math.ceilDiv(count, (long) perSocialWorker);
    }
}
