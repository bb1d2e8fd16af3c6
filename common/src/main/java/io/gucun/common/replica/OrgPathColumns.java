package io.gucun.common.replica;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A service's own tables that store org paths (ltree) and so must follow an OrgMoved: a service provides one bean of
 * this type, and the org replica rewrites these columns in the transaction that moves its copy of the tree.
 */
public interface OrgPathColumns {

    /** The (table, column) pairs holding org paths, besides {@code known_org.path} and {@code known_enterprise.org_path}. */
    List<PathColumn> orgPathColumns();

    record PathColumn(String table, String column) {

        private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

        public PathColumn {
            // they are spliced into SQL: names from code only, never from input
            if (!NAME.matcher(table).matches() || !NAME.matcher(column).matches()) {
                throw new IllegalArgumentException("not a table or column name: " + table + "." + column);
            }
        }
    }
}
