package io.gucun.membership.org;

/** Events of the {@code org} aggregate, published on topic {@code membership.org.v1}. */
public final class OrgEvents {

    public static final String AGGREGATE = "org";

    /** A union organization was created somewhere in the tree. */
    public record OrgCreated(long orgId, Long parentId, String path, String name, OrgKind kind, String regionCode) {
    }

    private OrgEvents() {
    }
}
