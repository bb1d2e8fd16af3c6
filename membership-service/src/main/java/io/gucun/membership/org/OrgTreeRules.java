package io.gucun.membership.org;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.security.OrgPaths;
import io.gucun.events.membership.AreaType;
import io.gucun.events.membership.OrgKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of the union tree, as plain functions of kinds and paths: where a kind may sit, what a joint union
 * must say about itself, where a subtree may be moved and when an org may be closed. Each broken rule is an
 * {@link ApiException} naming the offending field (400) or the rule (422).
 */
public final class OrgTreeRules {

    public static final int MAX_INDUSTRY_LENGTH = 100;

    private OrgTreeRules() {
    }

    /** 400 naming {@code field} unless a {@code child} may sit directly under a {@code parent}. */
    public static void requirePlacement(String field, OrgKind parent, OrgKind child) {
        if (!parent.canContain(child)) {
            throw ApiException.invalid(field, "a " + child + " cannot be placed under a " + parent);
        }
    }

    /** An area type only describes a joint area union, an industry only a joint industry union. */
    public static List<FieldError> detailProblems(OrgKind kind, AreaType areaType, String industry) {
        List<FieldError> errors = new ArrayList<>();
        if (areaType != null && kind != OrgKind.JOINT_AREA) {
            errors.add(new FieldError("areaType", "is only for a JOINT_AREA union, not a " + kind));
        }
        if (industry != null) {
            if (kind != OrgKind.JOINT_INDUSTRY) {
                errors.add(new FieldError("industry", "is only for a JOINT_INDUSTRY union, not a " + kind));
            } else if (industry.isBlank()) {
                errors.add(new FieldError("industry", "must not be blank"));
            } else if (industry.trim().length() > MAX_INDUSTRY_LENGTH) {
                errors.add(new FieldError("industry", "must be at most " + MAX_INDUSTRY_LENGTH + " characters"));
            }
        }
        return errors;
    }

    public static void requireValidDetails(OrgKind kind, AreaType areaType, String industry) {
        List<FieldError> errors = detailProblems(kind, areaType, industry);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /**
     * Whether the org at {@code path} of {@code kind} may be moved under the org at {@code newParentPath} of
     * {@code newParentKind}: not the root, not under itself or one of its descendants, and only where its
     * kind may sit. Its descendants keep their places relative to it, so they need no check of their own.
     */
    public static void requireMovable(String path, OrgKind kind, String newParentPath, OrgKind newParentKind) {
        if (OrgPaths.depth(path) == 1) {
            throw ApiException.unprocessable("root-org", "the national union is the root of the tree and cannot be moved");
        }
        if (OrgPaths.isWithin(newParentPath, path)) {
            throw ApiException.invalid("parentId", "is the organization itself or one of its descendants");
        }
        requirePlacement("parentId", newParentKind, kind);
    }

    /** The path a node at {@code path} gets when the subtree rooted at {@code oldRoot} moves to {@code newRoot}. */
    public static String movedPath(String path, String oldRoot, String newRoot) {
        if (!OrgPaths.isWithin(path, oldRoot)) {
            throw new IllegalArgumentException(path + " is not within " + oldRoot);
        }
        return newRoot + path.substring(oldRoot.length());
    }

    /** An org closes only when it is not the root, still open, and nothing active hangs below it. */
    public static void requireClosable(String path, UnionOrg.Status status, long activeChildren, long activeMembers) {
        if (OrgPaths.depth(path) == 1) {
            throw ApiException.unprocessable("root-org", "the national union is the root of the tree and cannot be closed");
        }
        if (status == UnionOrg.Status.CLOSED) {
            throw orgClosed(path);
        }
        if (activeChildren > 0) {
            throw new ApiException(422, "org-has-active-children", "Rule violated",
                    "the organization still has " + activeChildren + " active child organization(s); close or move them first",
                    null, Map.of("activeChildren", activeChildren));
        }
        if (activeMembers > 0) {
            throw new ApiException(422, "org-has-active-members", "Rule violated",
                    "the organization still has " + activeMembers + " active member(s); transfer them first",
                    null, Map.of("activeMembers", activeMembers));
        }
    }

    /** A closed org is read-only: no new children, members or enterprises, no renames or moves. */
    public static void requireActive(UnionOrg org) {
        if (org.status != UnionOrg.Status.ACTIVE) {
            throw orgClosed(org.path);
        }
    }

    static ApiException orgClosed(String path) {
        return new ApiException(422, "org-closed", "Rule violated",
                "organization " + lastLabel(path) + " is closed and accepts no changes, children, members or enterprises",
                null, Map.of("orgPath", path));
    }

    private static String lastLabel(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
