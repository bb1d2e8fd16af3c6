package io.gucun.common.security;

import java.util.regex.Pattern;

/**
 * Org paths are the materialized paths of the union tree ({@code 1.3.4.5}: national → province → …),
 * the same strings Postgres {@code ltree} stores and tokens carry in their {@code org_path} claim.
 */
public final class OrgPaths {

    private static final Pattern PATH = Pattern.compile("[0-9]+(\\.[0-9]+){0,31}");

    private OrgPaths() {
    }

    public static boolean isWellFormed(String path) {
        return path != null && PATH.matcher(path).matches();
    }

    /** True when {@code path} is {@code scope} itself or lies anywhere below it. */
    public static boolean isWithin(String path, String scope) {
        if (!isWellFormed(path) || !isWellFormed(scope)) {
            return false;
        }
        return path.equals(scope) || path.startsWith(scope + ".");
    }

    public static String child(String parentPath, long id) {
        return parentPath == null ? Long.toString(id) : parentPath + "." + id;
    }

    public static int depth(String path) {
        return path.split("\\.").length;
    }
}
