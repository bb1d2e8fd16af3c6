package io.gucun.infra.keycloak;

import io.gucun.infra.GucunPaths;
import io.gucun.infra.LoopbackPorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Keycloak ({@code keycloak-quarkus-dist}, dev mode with its H2 file database) on 127.0.0.1, with the
 * {@code union} realm imported from {@code deploy/keycloak/union-realm.json}.
 *
 * <pre>{@code
 * try (KeycloakServer kc = KeycloakServer.builder().home(dir).start()) {
 *     String token = Tokens.password(kc.tokenUrl(), "union-app", "officer.gucun", "officer.gucun-dev");
 *     String issuer = kc.issuerUrl();   // http://localhost:<port>/realms/union
 * }
 * }</pre>
 *
 * <p>The home is a copy of the unpacked distribution (jars hard-linked where the file system allows), made on the
 * first start; Keycloak keeps its build ({@code lib/quarkus}), database ({@code data/h2}) and the imported realm file
 * ({@code data/import}) there, and its output in {@code keycloak.log}. The first start in a new home builds
 * (20-35 s, once per distribution thanks to {@link DevBuildCache}) and imports the realm; later starts reuse both,
 * since every build-time option is fixed here. A realm that exists is never re-imported by Keycloak, so this class
 * wipes the database when the realm file changed (or with {@link Builder#clean}).
 *
 * <p>The server runs as {@code sh} (a watchdog that stops Keycloak when this JVM dies, even by SIGKILL)
 * → {@code kc.sh} → {@code java}; {@link #close()} and a shutdown hook stop the whole tree. Unix only
 * ({@code kc.sh}).
 */
public final class KeycloakServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());

    /** The Keycloak version this class and the realm file are made for (also in the parent pom). */
    public static final String VERSION = "26.7.3";
    /** System property overriding the unpacked distribution; default {@link #defaultDistribution()}. */
    public static final String DIST_PROPERTY = "gucun.keycloak.dist";
    /** System property overriding the realm file; default {@link #defaultRealmFile()}. */
    public static final String REALM_FILE_PROPERTY = "gucun.keycloak.realm-file";

    /** The demo bootstrap admin of the {@code master} realm (admin console); local use only. */
    public static final String DEFAULT_ADMIN_USERNAME = "kc-admin";
    public static final String DEFAULT_ADMIN_PASSWORD = "kc-admin-dev";

    private static final String LOG_FILE = "keycloak.log";
    private static final String PID_FILE = "keycloak.pid";
    private static final String WATCHDOG_NAME = "gucun-keycloak-watchdog";
    private static final String BUILD_HINT = "build infra first (./gucun mvn -pl infra package -DskipTests unpacks "
            + "org.keycloak:keycloak-quarkus-dist:" + VERSION + ":zip into infra/target/keycloak-dist), or set -D"
            + DIST_PROPERTY + "=<unpacked keycloak-" + VERSION + " directory>";
    private static final int STOP_GRACE_SECONDS = 30;
    /**
     * The build-time options given on every start. Changing any of them (or adding e.g. --db or --features) makes the
     * next start of every existing home rebuild (20-40 s), and starts a new {@link DevBuildCache} entry.
     */
    private static final List<String> BUILD_OPTIONS = List.of("--health-enabled=true");
    private static final Pattern REALM_NAME = Pattern.compile("\"realm\"\\s*:\\s*\"([^\"\\\\]+)\"");

    /**
     * POSIX sh: runs {@code kc.sh ...} in the background, forwards SIGTERM/SIGINT/SIGHUP to it, and stops it when the
     * parent JVM (pid in $1) is gone. Exits with Keycloak's exit code.
     */
    private static final String WATCHDOG_SCRIPT = String.join("\n",
            "parent=$1; shift",
            "\"$@\" &",
            "child=$!",
            "( while kill -0 \"$parent\" 2>/dev/null; do sleep 1; done",
            "  echo \"gucun: process $parent that started Keycloak is gone; stopping Keycloak\" >&2",
            "  kill -TERM \"$child\" 2>/dev/null ) &",
            "watcher=$!",
            "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT HUP",
            "wait \"$child\"; status=$?",
            "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; status=$?; done",
            "kill \"$watcher\" 2>/dev/null",
            "exit $status",
            "");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final Process process;
    private final Path home;
    private final boolean temporaryHome;
    private final int httpPort;
    private final int managementPort;
    private final String realm;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private KeycloakServer(Process process, Path home, boolean temporaryHome, int httpPort, int managementPort,
                           String realm) {
        this.process = process;
        this.home = home;
        this.temporaryHome = temporaryHome;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.realm = realm;
        this.shutdownHook = new Thread(this::stop, "gucun-keycloak-" + httpPort + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://localhost:<port>/realms/union}: the {@code iss} of every token, and Quarkus' auth-server-url. */
    public String issuerUrl() {
        return baseUrl() + "/realms/" + realm;
    }

    /** {@code http://localhost:<port>}: the admin console is under {@code /admin}. */
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** The realm's token endpoint, {@code <issuer>/protocol/openid-connect/token}. */
    public String tokenUrl() {
        return issuerUrl() + "/protocol/openid-connect/token";
    }

    /** The realm's signing keys, {@code <issuer>/protocol/openid-connect/certs}. */
    public String jwksUrl() {
        return issuerUrl() + "/protocol/openid-connect/certs";
    }

    /** The realm's name (from the realm file), {@code union}. */
    public String realm() {
        return realm;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The management interface ({@code /health}, {@code /health/ready}) on 127.0.0.1. */
    public int managementPort() {
        return managementPort;
    }

    public Path home() {
        return home;
    }

    /** Keycloak's stdout and stderr, {@code <home>/keycloak.log}. */
    public Path logFile() {
        return home.resolve(LOG_FILE);
    }

    /** Process id of the Keycloak JVM (the watchdog shell's if the JVM cannot be found). */
    public long pid() {
        return keycloakJvm(process.toHandle()).map(ProcessHandle::pid).orElse(process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops Keycloak: SIGTERM to the whole process tree, then a kill after {@value #STOP_GRACE_SECONDS} s. A temporary
     * home is deleted, a given one is kept. Idempotent.
     */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook has run or is running.
        }
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        stopTree(process.toHandle(), Duration.ofSeconds(STOP_GRACE_SECONDS));
        try {
            Files.deleteIfExists(home.resolve(PID_FILE));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Could not delete " + home.resolve(PID_FILE), e);
        }
        LOG.log(Level.INFO, "Keycloak on port {0,number,#} stopped in {1} ms", httpPort,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (temporaryHome) {
            try {
                deleteRecursively(home);
            } catch (UncheckedIOException e) {
                LOG.log(Level.WARNING, "Could not delete Keycloak's temporary home " + home, e);
            }
        }
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + issuerUrl() + ", pid " + pid() + ", " + home + "]";
    }

    /**
     * {@value #DIST_PROPERTY}, else {@code <gucun root>/infra/target/keycloak-dist/keycloak-<version>} (unpacked there
     * by the infra build).
     */
    public static Path defaultDistribution() {
        String configured = System.getProperty(DIST_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return GucunPaths.root().resolve("infra").resolve("target").resolve("keycloak-dist")
                .resolve("keycloak-" + VERSION);
    }

    /** {@value #REALM_FILE_PROPERTY}, else {@code <gucun root>/deploy/keycloak/union-realm.json}. */
    public static Path defaultRealmFile() {
        String configured = System.getProperty(REALM_FILE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return GucunPaths.root().resolve("deploy").resolve("keycloak").resolve("union-realm.json");
    }

    /** Settings for a {@link KeycloakServer}; {@link #start()} starts it. */
    public static final class Builder {
        private Path home;
        private Path distribution;
        private Path realmFile;
        private int httpPort;
        private int managementPort;
        private boolean clean;
        private boolean reimportChangedRealm = true;
        private Path javaHome;
        private Duration startupTimeout = Duration.ofSeconds(180);
        private String maxHeap = "512m";
        private String extraJavaOptions;
        private String adminUsername = DEFAULT_ADMIN_USERNAME;
        private String adminPassword = DEFAULT_ADMIN_PASSWORD;
        private boolean reuseDevBuild = true;

        private Builder() {
        }

        /**
         * The directory Keycloak runs from. Made from the {@link #distribution} if it does not exist or is empty; kept
         * on close, so restarts are fast and keep the data. {@code null} (the default): a temporary home, deleted on
         * close (every start then imports the realm from scratch: ~20 s with a cached build, ~50 s without).
         */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** The unpacked distribution to copy a new home from; default {@link KeycloakServer#defaultDistribution()}. */
        public Builder distribution(Path distribution) {
            this.distribution = distribution;
            return this;
        }

        /** The realm to import; default {@link KeycloakServer#defaultRealmFile()}. */
        public Builder realmFile(Path realmFile) {
            this.realmFile = realmFile;
            return this;
        }

        /** HTTP port on 127.0.0.1; 0 (the default) picks a free one. Part of the issuer URL. */
        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** Management (health) port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder managementPort(int managementPort) {
            this.managementPort = managementPort;
            return this;
        }

        /** Wipe the database ({@code data/h2}) first, so the realm is imported afresh (default false). */
        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /**
         * Whether to wipe the database when the realm file differs from the one imported last time (default true):
         * Keycloak itself skips a realm that exists, and would keep serving the old one.
         */
        public Builder reimportChangedRealm(boolean reimportChangedRealm) {
            this.reimportChangedRealm = reimportChangedRealm;
            return this;
        }

        /** The JDK/JRE to run Keycloak with (17 or newer); default this JVM's {@code java.home}. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        /** How long to wait for {@code /health/ready} (default 180 s; a first start in a new home takes ~45 s). */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** Keycloak's -Xmx (default 512m, as kc.sh). */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /**
         * More JVM options ({@code JAVA_OPTS_APPEND}); e.g. {@code -XX:TieredStopAtLevel=1} starts ~20% faster but
         * serves slower.
         */
        public Builder javaOptions(String extraJavaOptions) {
            this.extraJavaOptions = extraJavaOptions;
            return this;
        }

        /**
         * The temporary admin created in the {@code master} realm on the first start (admin console at
         * {@code <baseUrl>/admin}); default {@value #DEFAULT_ADMIN_USERNAME} / {@value #DEFAULT_ADMIN_PASSWORD}
         * (demo values, loopback only). {@code null} creates none.
         */
        public Builder bootstrapAdmin(String username, String password) {
            this.adminUsername = username;
            this.adminPassword = password;
            return this;
        }

        /**
         * Whether a new home may take Keycloak's dev-mode build from the cache next to the distribution, and leave its
         * own there (default true; see {@link DevBuildCache}). Saves 20-35 s per new home.
         */
        public Builder reuseDevBuild(boolean reuseDevBuild) {
            this.reuseDevBuild = reuseDevBuild;
            return this;
        }

        /**
         * Prepares the home, starts Keycloak and waits until it is ready and serves the realm.
         *
         * @throws IllegalStateException with the reason and the tail of {@code keycloak.log}
         */
        public KeycloakServer start() {
            long started = System.nanoTime();
            Path realmPath = (realmFile != null ? realmFile : defaultRealmFile()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(realmPath)) {
                throw new IllegalStateException("Keycloak realm file " + realmPath + " does not exist");
            }
            String realm = realmName(realmPath);
            Path java = (javaHome != null ? javaHome : Path.of(System.getProperty("java.home")))
                    .toAbsolutePath().normalize();
            if (!Files.isExecutable(java.resolve("bin").resolve("java"))) {
                throw new IllegalStateException("No executable bin/java in " + java + " (javaHome for Keycloak)");
            }

            boolean temporary = home == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("gucun-keycloak-") : home.toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a temporary Keycloak home", e);
            }
            try {
                return start(dir, temporary, realmPath, realm, java, started);
            } catch (RuntimeException e) {
                if (temporary) {
                    try {
                        deleteRecursively(dir);
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        private KeycloakServer start(Path dir, boolean temporary, Path realmPath, String realm, Path java,
                                     long started) {
            Path madeFrom = prepareHome(dir);
            boolean newHome = madeFrom != null;
            Path buildCache = newHome && reuseDevBuild ? DevBuildCache.location(madeFrom, BUILD_OPTIONS, java) : null;
            boolean seeded = buildCache != null && DevBuildCache.seed(buildCache, dir);
            stopStaleServer(dir);
            boolean wiped = prepareData(dir, realmPath, newHome);

            int port = LoopbackPorts.resolve(httpPort, "Keycloak");
            int mgmtPort = LoopbackPorts.resolve(managementPort, "Keycloak management");
            if (mgmtPort == port) {
                throw new IllegalArgumentException("Keycloak http and management ports must differ (both " + port
                        + ")");
            }

            Path log = dir.resolve(LOG_FILE);
            String header = "=== gucun: starting Keycloak " + VERSION + " on 127.0.0.1:" + port + " (management "
                    + mgmtPort + ") at " + Instant.now() + " ===\n";
            try {
                if (newHome || wiped) {
                    Files.writeString(log, header, StandardCharsets.UTF_8);
                } else {
                    Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + log, e);
            }
            long logOffset = size(log);

            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG_SCRIPT, WATCHDOG_NAME,
                    Long.toString(ProcessHandle.current().pid()),
                    dir.resolve("bin").resolve("kc.sh").toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--http-management-port=" + mgmtPort,
                    "--hostname=http://localhost:" + port,
                    "--import-realm"));
            command.addAll(BUILD_OPTIONS);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            Map<String, String> env = pb.environment();
            // The caller's Keycloak or JVM settings must not leak in (KC_DB, KC_HOSTNAME, JAVA_OPTS, ...).
            env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_") || k.startsWith("JAVA_OPTS")
                    || k.equals("JAVA_ADD_OPENS") || k.equals("JAVA") || k.equals("DEBUG") || k.equals("DEBUG_PORT")
                    || k.equals("PRINT_ENV"));
            env.put("JAVA_HOME", java.toString());
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx" + maxHeap);
            if (extraJavaOptions != null && !extraJavaOptions.isBlank()) {
                env.put("JAVA_OPTS_APPEND", extraJavaOptions);
            }
            if (adminUsername != null && adminPassword != null) {
                env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
                env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            }

            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start Keycloak (" + String.join(" ", command.subList(5,
                        command.size())) + ")", e);
            }
            writePidFile(dir, process.pid());
            KeycloakServer server = new KeycloakServer(process, dir, temporary, port, mgmtPort, realm);
            try {
                awaitReady(server, startupTimeout);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            boolean rebuilt = logSince(log, logOffset).contains("Updating the configuration");
            LOG.log(Level.INFO, "Keycloak ready at {0} in {1} ms (pid {2,number,#}{3}{4}, home {5})",
                    server.issuerUrl(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), server.pid(),
                    rebuilt ? ", built" : seeded ? ", cached build" : "", newHome || wiped ? ", realm imported" : "",
                    dir);
            if (buildCache != null && !seeded) {
                DevBuildCache.save(dir, buildCache);
            }
            return server;
        }

        /** Copies the distribution into {@code dir} unless it is already a home. Returns the distribution, if used. */
        private Path prepareHome(Path dir) {
            Path kcSh = dir.resolve("bin").resolve("kc.sh");
            Path made = null;
            if (!Files.exists(kcSh)) {
                if (Files.isDirectory(dir) && !isEmptyDirectory(dir)) {
                    throw new IllegalStateException("Keycloak home " + dir + " exists but has no bin/kc.sh: not a"
                            + " Keycloak home; remove it or choose another directory");
                }
                Path dist = (distribution != null ? distribution : defaultDistribution()).toAbsolutePath().normalize();
                if (!Files.isRegularFile(dist.resolve("bin").resolve("kc.sh"))
                        || !Files.isRegularFile(dist.resolve("lib").resolve("quarkus-run.jar"))) {
                    throw new IllegalStateException("No Keycloak distribution at " + dist + ": " + BUILD_HINT);
                }
                copyDistribution(dist, dir);
                made = dist;
            }
            makeExecutable(kcSh);
            return made;
        }

        /** Puts the realm file into data/import, wiping the database if asked to or if the realm changed. */
        private boolean prepareData(Path dir, Path realmPath, boolean newHome) {
            Path data = dir.resolve("data");
            Path imports = data.resolve("import");
            Path target = imports.resolve(realmPath.getFileName().toString());
            boolean wipe = clean;
            try {
                if (!wipe && reimportChangedRealm && !newHome && Files.exists(data.resolve("h2"))) {
                    boolean changed = !Files.isRegularFile(target) || Files.mismatch(target, realmPath) != -1;
                    if (changed) {
                        LOG.log(Level.INFO, "Realm file {0} changed since the last import: wiping Keycloak''s"
                                + " database in {1} to import it again", realmPath, data);
                        wipe = true;
                    }
                }
                if (wipe) {
                    deleteRecursively(data.resolve("h2"));
                    deleteRecursively(data.resolve("transaction-logs"));
                }
                Files.createDirectories(imports);
                try (Stream<Path> old = Files.list(imports)) {
                    for (Path p : (Iterable<Path>) old::iterator) {
                        if (p.getFileName().toString().endsWith(".json") && !p.equals(target)) {
                            Files.delete(p);
                        }
                    }
                }
                Files.copy(realmPath, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare " + data, e);
            }
            return wipe;
        }

        private static String realmName(Path realmPath) {
            String json;
            try {
                json = Files.readString(realmPath, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the realm file " + realmPath, e);
            }
            Matcher m = REALM_NAME.matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("Realm file " + realmPath + " has no \"realm\": \"<name>\"");
            }
            return m.group(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Readiness

    private static void awaitReady(KeycloakServer server, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI health = URI.create("http://127.0.0.1:" + server.managementPort + "/health/ready");
        String lastProblem = "no answer yet";
        while (true) {
            if (!server.process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + server.process.exitValue()
                        + " before it was ready\n" + tail(server.logFile(), 40));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
                lastProblem = "/health/ready answered " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Keycloak was not ready within " + timeout.toSeconds() + " s ("
                        + lastProblem + ")\n" + tail(server.logFile(), 40));
            }
            sleep(500);
        }
        checkRealm(server);
    }

    /** The realm is served and names the issuer the caller will see in tokens. */
    private static void checkRealm(KeycloakServer server) {
        URI discovery = URI.create("http://127.0.0.1:" + server.httpPort + "/realms/" + server.realm
                + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Keycloak is up but realm '" + server.realm + "' is not (" + discovery
                        + " answered " + r.statusCode() + "); did the import fail?\n" + tail(server.logFile(), 40));
            }
            Object issuer = Tokens.parseObject(r.body()).get("issuer");
            if (!server.issuerUrl().equals(issuer)) {
                throw new IllegalStateException("Keycloak's issuer is " + issuer + ", expected " + server.issuerUrl());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + discovery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Keycloak's realm", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Processes

    /** SIGTERM to every process of the tree at once, then SIGKILL to whatever is left after the grace period. */
    private static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.removeIf(p -> !p.isAlive());
        if (tree.isEmpty()) {
            return;
        }
        // Descendants before the root: the Keycloak JVM gets SIGTERM (graceful shutdown) directly, and a second one
        // forwarded by kc.sh or the watchdog does no harm.
        for (ProcessHandle p : tree) {
            p.destroy();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (java.util.concurrent.TimeoutException e) {
                // killed below
            } catch (java.util.concurrent.ExecutionException e) {
                // cannot happen for onExit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                LOG.log(Level.WARNING, "Keycloak process {0,number,#} ignored SIGTERM for {1} s; killing it",
                        p.pid(), grace.toSeconds());
                p.destroyForcibly();
            }
        }
    }

    /** The Keycloak JVM under the watchdog shell (or under kc.sh), if it is running. */
    private static Optional<ProcessHandle> keycloakJvm(ProcessHandle root) {
        return root.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /**
     * Deals with a Keycloak still running from this home, which would hold its H2 database and maybe the ports: one
     * whose starting JVM is gone (killed before the watchdog reacted, or the watchdog killed too) is stopped; one that
     * another live JVM started is left alone, and this start fails.
     */
    private static void stopStaleServer(Path home) {
        Optional<ProcessHandle> watchdog = readPidFile(home).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(WATCHDOG_NAME)).orElse(false));
        if (watchdog.isPresent()) {
            Optional<ProcessHandle> owner = watchdogOwner(watchdog.get()).flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive);
            if (owner.isPresent()) {
                throw new IllegalStateException("Keycloak is already running from " + home + " (pid "
                        + watchdog.get().pid() + ", started by process " + owner.get().pid() + "): stop it first, or"
                        + " use another home");
            }
            LOG.log(Level.WARNING, "Stopping a stale Keycloak (pid {0,number,#}) left running from {1}",
                    watchdog.get().pid(), home);
            stopTree(watchdog.get(), Duration.ofSeconds(STOP_GRACE_SECONDS));
        }
        // kc.sh names its home as -Dkc.home.dir=<real path of bin>/.. on the JVM's command line.
        String marker;
        try {
            marker = "-Dkc.home.dir=" + home.resolve("bin").toRealPath() + "/..";
        } catch (IOException e) {
            return;
        }
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    if (hasLiveOwner(p)) {
                        throw new IllegalStateException("Keycloak is already running from " + home + " (pid " + p.pid()
                                + ", started by another live process): stop it first, or use another home");
                    }
                    LOG.log(Level.WARNING, "Stopping an orphaned Keycloak JVM (pid {0,number,#}) running from {1}",
                            p.pid(), home);
                    stopTree(p, Duration.ofSeconds(STOP_GRACE_SECONDS));
                });
    }

    /** Whether a Keycloak JVM runs under a watchdog whose starting JVM is alive. */
    private static boolean hasLiveOwner(ProcessHandle keycloakJvm) {
        Optional<ProcessHandle> ancestor = keycloakJvm.parent();
        for (int depth = 0; depth < 4 && ancestor.isPresent(); depth++) {
            ProcessHandle a = ancestor.get();
            if (a.info().commandLine().map(c -> c.contains(WATCHDOG_NAME)).orElse(false)) {
                return watchdogOwner(a).flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
            }
            ancestor = a.parent();
        }
        return false;
    }

    /** The pid of the JVM that started a watchdog shell (its first argument after the name). */
    private static Optional<Long> watchdogOwner(ProcessHandle watchdog) {
        String[] args = watchdog.info().arguments().orElse(new String[0]);
        for (int i = 0; i + 1 < args.length; i++) {
            if (WATCHDOG_NAME.equals(args[i])) {
                try {
                    return Optional.of(Long.parseLong(args[i + 1]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static void writePidFile(Path home, long pid) {
        try {
            Files.writeString(home.resolve(PID_FILE), pid + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not write " + home.resolve(PID_FILE), e);
        }
    }

    private static Optional<Long> readPidFile(Path home) {
        try {
            return Optional.of(Long.parseLong(Files.readString(home.resolve(PID_FILE)).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Files

    /**
     * Copies the distribution into {@code home} through a sibling temporary directory, so an interrupted copy never
     * looks like a home. Jars under {@code lib/lib} are hard-linked when possible (Keycloak only reads them; its build
     * goes to {@code lib/quarkus}, which is copied).
     */
    private static void copyDistribution(Path dist, Path home) {
        long started = System.nanoTime();
        Path parent = home.getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + home.getFileName() + ".copying-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory next to " + home, e);
        }
        int[] linked = {0};
        try (Stream<Path> walk = Files.walk(dist)) {
            Path libLib = dist.resolve("lib").resolve("lib");
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = staging.resolve(dist.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                    continue;
                }
                if (source.startsWith(libLib) && source.getFileName().toString().endsWith(".jar")
                        && tryLink(target, source)) {
                    linked[0]++;
                    continue;
                }
                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
            if (Files.isDirectory(home)) {
                Files.delete(home); // empty (checked by the caller)
            }
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                deleteRecursively(staging);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("Cannot copy the Keycloak distribution " + dist + " to " + home, e);
        }
        LOG.log(Level.INFO, "Made Keycloak home {0} from {1} in {2} ms ({3} jars hard-linked)", home, dist,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), linked[0]);
    }

    private static boolean tryLink(Path link, Path existing) {
        try {
            Files.createLink(link, existing);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // another file system, or no hard links there: copy instead
        }
    }

    private static void makeExecutable(Path script) {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(script));
            if (perms.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE))) {
                Files.setPosixFilePermissions(script, perms);
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: nothing to set.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + script + " executable", e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** What the log gained after {@code offset} (for noticing a rebuild). */
    private static String logSince(Path log, long offset) {
        try (var channel = Files.newByteChannel(log)) {
            long size = channel.size();
            if (size <= offset) {
                return "";
            }
            var buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - offset, 1 << 20));
            channel.position(offset);
            channel.read(buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of a log, for error messages. */
    static String tail(Path file, int lines) {
        if (!Files.isReadable(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
        return "--- last lines of " + file + " ---\n" + String.join("\n", last);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }
}
