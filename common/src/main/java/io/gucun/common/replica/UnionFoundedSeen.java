package io.gucun.common.replica;

import java.time.OffsetDateTime;

/** Fired (synchronously, inside the consuming transaction) when membership reports that an enterprise founded its union. */
public record UnionFoundedSeen(String creditCode, long unionOrgId, OffsetDateTime foundedAt) {
}
