package io.gucun.bench.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads millions of rows into a service's table the way a DBA would: its secondary indexes, unique and foreign-key
 * constraints are dropped, the rows copied, and then every one of them is created again from its own definition as the
 * database reports it (so the table ends in exactly the shape its migrations made). Building an index once by sorting
 * is many times faster than maintaining it row by row, and one validation query per foreign key replaces a trigger call
 * per row. Only for a service that is otherwise idle: while they are dropped, nothing enforces uniqueness.
 */
final class BulkLoad {

    private record Ddl(String drop, String create) {
    }

    private BulkLoad() {
    }

    interface Load {
        void run() throws Exception;
    }

    static void withoutSecondaryStructures(Connection c, String table, Load load) throws Exception {
        List<Ddl> ddl = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint"
                    + " where conrelid = '" + table + "'::regclass and contype in ('u', 'f') order by contype desc, conname")) {
                while (r.next()) {
                    ddl.add(new Ddl("alter table " + table + " drop constraint " + r.getString(1),
                            "alter table " + table + " add constraint " + r.getString(1) + " " + r.getString(2)));
                }
            }
            try (ResultSet r = s.executeQuery("select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i"
                    + " where i.indrelid = '" + table + "'::regclass and not i.indisprimary and not exists"
                    + " (select 1 from pg_constraint k where k.conindid = i.indexrelid)")) {
                while (r.next()) {
                    ddl.add(new Ddl("drop index " + r.getString(1), r.getString(2)));
                }
            }
            for (Ddl d : ddl) {
                s.execute(d.drop());
            }
        }
        try {
            load.run();
        } finally {
            try (Statement s = c.createStatement()) {
                // a generous sort memory for the index builds of this session only
                s.execute("set maintenance_work_mem = '512MB'");
                // plain indexes first, then the constraints (each unique one builds its index, each foreign key is checked once)
                for (int i = ddl.size() - 1; i >= 0; i--) {
                    s.execute(ddl.get(i).create());
                }
                s.execute("analyze " + table);
            } catch (SQLException e) {
                throw new IllegalStateException("could not restore the indexes and constraints of " + table, e);
            }
        }
    }
}
