package io.gucun.events.membership;

import java.time.OffsetDateTime;

/** Events of the {@code org} aggregate, published on topic {@code membership.org.v1}; see EVENTS.md. */
public final class OrgEvents {

    public static final String AGGREGATE = "org";

    /** A union organization was created somewhere in the tree. */
    public record OrgCreated(long orgId, Long parentId, String path, String name, OrgKind kind, String regionCode,
                             AreaType areaType, String industry) {
    }

    /** An organization got a new name. */
    public record OrgRenamed(long orgId, String path, String oldName, String newName) {
    }

    /**
     * An organization moved under a new parent. Every org whose path started with {@code oldPath} now starts with
     * {@code newPath} instead ({@code subtreeSize} orgs, the moved one included); no separate event is sent per descendant.
     */
    public record OrgMoved(long orgId, Long oldParentId, long newParentId, String oldPath, String newPath, long subtreeSize) {
    }

    /** An organization was closed: it accepts no new children, members or enterprises. */
    public record OrgClosed(long orgId, String path, String name, OrgKind kind, OffsetDateTime closedAt) {
    }

    private OrgEvents() {
    }
}
