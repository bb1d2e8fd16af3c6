package io.gucun.bench;

import io.gucun.infra.PostgresServer;
import io.gucun.launcher.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's own speed on the stack's PostgreSQL, in a scratch database {@code pgbench}: {@code pgbench -S}
 * (select-only) and TPC-B, with {@code /usr/bin/pgbench} when it exists, otherwise the same statements over JDBC
 * from this JVM (labelled as such in the report: JDBC adds the client's cost that pgbench, in C, mostly avoids).
 */
public final class DatabaseBaseline {

    static final Path PGBENCH = Path.of("/usr/bin/pgbench");
    static final String DATABASE = "pgbench";
    private static final int ACCOUNTS_PER_SCALE = 100_000;

    public enum Workload {
        SELECT_ONLY("pgbench -S", "pgbench -S (select one account by key)"),
        TPC_B("pgbench TPC-B", "pgbench TPC-B (three updates, a select, an insert per transaction)");

        final String shortName;
        final String label;

        Workload(String shortName, String label) {
            this.shortName = shortName;
            this.label = label;
        }
    }

    /** Transactions per second, the mean latency, and how they were obtained. */
    public record Result(double tps, double latencyMeanMs, String tool, String command) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tps", tps);
            m.put("latencyMeanMs", latencyMeanMs);
            m.put("tool", tool);
            m.put("command", command);
            return m;
        }
    }

    private final Stack stack;
    private final int port;
    private boolean initialised;

    public DatabaseBaseline(Stack stack) {
        this.stack = stack;
        Matcher m = Pattern.compile("//[^:/]+:(\\d+)/").matcher(stack.jdbcUrl("membership"));
        if (!m.find()) {
            throw new IllegalStateException("no port in " + stack.jdbcUrl("membership"));
        }
        this.port = Integer.parseInt(m.group(1));
    }

    public static boolean pgbenchAvailable() {
        return Files.isExecutable(PGBENCH);
    }

    /** Runs {@code workload} with {@code clients} connections for {@code duration} (initialising scale 1 once). */
    public Result run(Workload workload, int clients, Duration duration) throws Exception {
        init();
        return pgbenchAvailable() ? pgbench(workload, clients, duration) : jdbc(workload, clients, duration);
    }

    private void init() throws Exception {
        if (initialised) {
            return;
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
            s.execute("create database " + DATABASE);
        }
        if (pgbenchAvailable()) {
            exec(List.of(PGBENCH.toString(), "-i", "-s", "1", "-q", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-U", PostgresServer.USERNAME, DATABASE));
        } else {
            try (Connection c = connect(DATABASE); Statement s = c.createStatement()) {
                // pgbench -i -s 1, in SQL: same tables, same rows, same keys
                s.execute("create table pgbench_branches (bid int primary key, bbalance int, filler char(88)) with (fillfactor=100)");
                s.execute("create table pgbench_tellers (tid int primary key, bid int, tbalance int, filler char(84)) with (fillfactor=100)");
                s.execute("create table pgbench_accounts (aid int primary key, bid int, abalance int, filler char(84)) with (fillfactor=100)");
                s.execute("create table pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22))");
                s.execute("insert into pgbench_branches select 1, 0");
                s.execute("insert into pgbench_tellers select g, 1, 0 from generate_series(1, 10) g");
                s.execute("insert into pgbench_accounts select g, 1, 0, '' from generate_series(1, " + ACCOUNTS_PER_SCALE + ") g");
                s.execute("vacuum analyze");
            }
        }
        initialised = true;
    }

    private Result pgbench(Workload workload, int clients, Duration duration) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PGBENCH.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", PostgresServer.USERNAME, "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Long.toString(Math.max(1, duration.toSeconds()))));
        if (workload == Workload.SELECT_ONLY) {
            cmd.add("-S");
        }
        cmd.add(DATABASE);
        String out = exec(cmd);
        double tps = number(out, "tps = ([0-9.]+)");
        double latency = number(out, "latency average = ([0-9.]+) ms");
        return new Result(tps, latency, "pgbench " + pgbenchVersion(), String.join(" ", cmd.subList(1, cmd.size()))
                .replaceAll("-p [0-9]+", "-p <port>"));
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("'" + regex + "' not found in pgbench's output:\n" + text);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String pgbenchVersion() {
        try {
            return exec(List.of(PGBENCH.toString(), "--version")).replace("pgbench (PostgreSQL) ", "").trim();
        } catch (Exception e) {
            return "";
        }
    }

    private Result jdbc(Workload workload, int clients, Duration duration) throws Exception {
        Latencies all = new Latencies();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Latencies>> futures = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                futures.add(pool.submit(() -> {
                    Latencies mine = new Latencies();
                    try (Connection c = connect(DATABASE)) {
                        while (System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            if (workload == Workload.SELECT_ONLY) {
                                selectOnly(c);
                            } else {
                                tpcB(c);
                            }
                            mine.recordNanos(System.nanoTime() - t0);
                        }
                    }
                    return mine;
                }));
            }
            for (Future<Latencies> f : futures) {
                all.add(f.get());
            }
        }
        all.addSeconds((System.nanoTime() - started) / 1e9);
        return new Result(all.perSecond(), all.meanMs(), "JDBC equivalent of pgbench (no pgbench on this machine)",
                workload.label + ", " + clients + " connections, " + duration.toSeconds() + " s");
    }

    private static void selectOnly(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select abalance from pgbench_accounts where aid = ?")) {
            ps.setInt(1, 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS_PER_SCALE));
            ps.executeQuery().close();
        }
    }

    private static void tpcB(Connection c) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int aid = 1 + r.nextInt(ACCOUNTS_PER_SCALE);
        int tid = 1 + r.nextInt(10);
        int delta = r.nextInt(-5000, 5001);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("update pgbench_accounts set abalance = abalance + " + delta + " where aid = " + aid);
            s.executeQuery("select abalance from pgbench_accounts where aid = " + aid).close();
            s.executeUpdate("update pgbench_tellers set tbalance = tbalance + " + delta + " where tid = " + tid);
            s.executeUpdate("update pgbench_branches set bbalance = bbalance + " + delta + " where bid = 1");
            s.executeUpdate("insert into pgbench_history (tid, bid, aid, delta, mtime) values (" + tid + ", 1, " + aid
                    + ", " + delta + ", current_timestamp)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** A connection to one of the stack's databases as its superuser. */
    public Connection connect(String database) throws SQLException {
        String url = stack.jdbcUrl("membership").replaceFirst("/membership$", "/" + database);
        return DriverManager.getConnection(url, PostgresServer.USERNAME, PostgresServer.PASSWORD);
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PostgresServer.PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(cmd.getFirst() + " failed: " + out);
        }
        return out;
    }
}
