package io.gucun.membership.org;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import java.util.List;
import java.util.Map;

/**
 * Optimistic locking for updates: the client names the version it read, either as a strong entity tag in
 * {@code If-Match} ({@code "3"}, as sent in {@code ETag}) or as {@code version} in the body. A stale
 * {@code If-Match} is 412, a stale body version 409, neither is 428: an update never silently overwrites.
 */
public final class Preconditions {

    private Preconditions() {
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** Throws unless the client's precondition matches {@code current}. */
    public static void requireVersion(int current, String ifMatch, Integer bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            if (!matches(ifMatch, current)) {
                throw new ApiException(412, "precondition-failed", "Precondition failed",
                        "If-Match does not match the current version " + etag(current) + "; read it again and retry",
                        null, Map.of("currentVersion", current));
            }
            if (bodyVersion != null && bodyVersion != current) {
                throw stale(current);
            }
            return;
        }
        if (bodyVersion == null) {
            throw new ApiException(428, "precondition-required", "Precondition required",
                    "send the version you read, as If-Match or as version in the body",
                    List.of(new FieldError("version", "is required (or an If-Match header)")), null);
        }
        if (bodyVersion != current) {
            throw stale(current);
        }
    }

    private static ApiException stale(int current) {
        return new ApiException(409, "stale-version", "Conflict",
                "version is not the current version " + current + "; read it again and retry",
                List.of(new FieldError("version", "is not the current version")), Map.of("currentVersion", current));
    }

    /** Strong comparison over a list of entity tags; {@code *} matches any existing resource. */
    static boolean matches(String ifMatch, int current) {
        for (String raw : ifMatch.split(",")) {
            String tag = raw.trim();
            if (tag.equals("*") || tag.equals(etag(current))) {
                return true;
            }
            if (!tag.matches("(W/)?\"[^\"]*\"")) {
                throw ApiException.invalid("If-Match", "must be a list of entity tags such as \"3\"");
            }
        }
        return false;
    }
}
