package io.gucun.common.replica;

import io.gucun.events.membership.OrgKind;

/** Fired (synchronously, inside the consuming transaction) when the org replica learns of a new org (OrgCreated). */
public record OrgCreatedSeen(long orgId, String path, OrgKind kind) {
}
