package io.gucun.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker (KRaft, one node acting as broker and controller) on 127.0.0.1, run as a child JVM with
 * its own classpath ({@code infra/target/kafka-libs}), so the broker's Scala and Jackson never meet the caller's.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.builder().start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * The data directory holds {@code server.properties}, the partitions ({@code kafka-data/}) and the broker's output
 * ({@code broker.log}).
 *
 * <p>Clients authenticate: the client listener is {@code SASL_PLAINTEXT} with SCRAM-SHA-512 (loopback only; deployments
 * use SASL_SSL), the {@code StandardAuthorizer} denies whatever no ACL allows, and only the super user (default
 * {@value #DEFAULT_SUPER_USER}, with a random password unless given) may do everything. Further users come from
 * {@link Builder#user}; their ACLs are the caller's business (see {@link KafkaPrincipals}). The KRaft controller listener
 * stays PLAINTEXT on 127.0.0.1: the broker reaches its own controller there as {@code User:ANONYMOUS}, which is therefore
 * a super user too; no client can be anonymous on the SASL listener.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());

    /** System property overriding where the broker's jars are; default {@code <gucun root>/infra/target/kafka-libs}. */
    public static final String LIBS_PROPERTY = "gucun.kafka.libs";

    /** The one SASL mechanism the broker enables. */
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";
    public static final String DEFAULT_SUPER_USER = "gucun-admin";
    private static final ScramMechanism SCRAM = ScramMechanism.SCRAM_SHA_512;
    private static final int SCRAM_ITERATIONS = 4096;
    private static final String USERS_FILE = "scram-users.tmp";

    private static final String BUILD_HINT = "build infra first: ./gucun mvn -pl infra install";
    private static final int STOP_GRACE_SECONDS = 20;
    private static final Duration STOP_GRACE = Duration.ofSeconds(STOP_GRACE_SECONDS);

    private static final String TEMP_PREFIX = "gucun-kafka-";
    /** In a temporary data directory: the pid of the JVM that owns it, so a later start can delete it once that
     *  JVM is gone without closing it (its broker ends by itself, see KafkaBrokerMain). */
    private static final String OWNER_FILE = "gucun-owner.pid";

    private final Process process;
    private final int port;
    private final int controllerPort;
    private final Path dataDirectory;
    private final Path logFile;
    private final boolean temporary;
    private final Thread shutdownHook;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final String superUser;
    private final String superUserPassword;

    private KafkaBroker(Process process, int port, int controllerPort, Path dataDirectory, Path logFile,
                        boolean temporary, String superUser, String superUserPassword) {
        this.process = process;
        this.superUser = superUser;
        this.superUserPassword = superUserPassword;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.temporary = temporary;
        this.shutdownHook = new Thread(this::stop, "gucun-kafka-broker-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers} / {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Client settings to reach this broker as {@code user}: bootstrap servers and the SASL settings. */
    public Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> p = new HashMap<>(saslProperties(user, password, "SASL_PLAINTEXT"));
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /** Client settings of the super user (test harness, launcher), who may do anything. */
    public Map<String, Object> superUserProperties() {
        return clientProperties(superUser, superUserPassword);
    }

    public String superUser() {
        return superUser;
    }

    /** {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config} for SCRAM as {@code user}. */
    public static Map<String, String> saslProperties(String user, String password, String securityProtocol) {
        return Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol,
                SaslConfigs.SASL_MECHANISM, SASL_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** A random password for a local or test principal: URL-safe, so no quoting in JAAS or StorageTool arguments. */
    public static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The broker JVM's stdout and stderr. */
    public Path logFile() {
        return logFile;
    }

    /** Process id of the broker JVM. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the broker: SIGTERM (controlled shutdown), then a kill after {@value #STOP_GRACE_SECONDS} s. A temporary
     * data directory is deleted, a given one is kept. Idempotent.
     */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook has run or is running: nothing left to unregister.
        }
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        destroy(process, STOP_GRACE);
        LOG.log(Level.INFO, "Kafka broker on {0} stopped in {1,number,#} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (temporary) {
            try {
                FileSupport.deleteRecursively(dataDirectory);
            } catch (UncheckedIOException e) {
                LOG.log(Level.WARNING, "Could not delete the broker's temporary directory " + dataDirectory, e);
            }
        }
    }

    private static void destroy(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "Kafka broker (pid {0,number,#}) ignored SIGTERM for {1} s; killing it",
                        process.pid(), grace.toSeconds());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", pid " + process.pid() + ", " + dataDirectory + "]";
    }

    /**
     * The directory with the broker's jars: {@value #LIBS_PROPERTY}, else {@code <gucun root>/infra/target/kafka-libs}.
     *
     * @throws IllegalStateException telling how to build it if it is missing
     */
    public static Path defaultLibsDirectory() {
        String configured = System.getProperty(LIBS_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            return GucunPaths.root().resolve("infra").resolve("target").resolve("kafka-libs");
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Cannot locate the Kafka broker libraries (set -D" + LIBS_PROPERTY
                    + "=<dir>): " + e.getMessage(), e);
        }
    }

    private static void requireLibs(Path libs) {
        boolean hasBroker;
        try (Stream<Path> files = Files.isDirectory(libs) ? Files.list(libs) : Stream.empty()) {
            hasBroker = files.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + libs, e);
        }
        Path watchdog = libs.resolve("launcher").resolve(KafkaBrokerMain.class.getName().replace('.', '/') + ".class");
        if (!hasBroker || !Files.isRegularFile(watchdog)) {
            throw new IllegalStateException("Kafka broker libraries missing in " + libs + " ("
                    + (hasBroker ? "no " + watchdog.getFileName() + " in launcher/" : "no kafka_2.13 jar")
                    + "): " + BUILD_HINT);
        }
    }

    /** Settings for a {@link KafkaBroker}; {@link #start()} starts it. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDirectory;
        private boolean clean;
        private Path libsDirectory;
        private Duration startupTimeout = Duration.ofSeconds(60);
        private String maxHeap = "512m";
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private String superUser = DEFAULT_SUPER_USER;
        private String superUserPassword;
        private final Map<String, String> users = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The super user (default {@value KafkaBroker#DEFAULT_SUPER_USER} with a random password). A kept data directory
         * stores the credential it was formatted with: give the same password again on a restart.
         */
        public Builder superUser(String name, String password) {
            this.superUser = requireName(name);
            this.superUserPassword = password;
            return this;
        }

        /** A SCRAM user to create (on a kept data directory: to create or update after start). */
        public Builder user(String name, String password) {
            users.put(requireName(name), password);
            return this;
        }

        private static String requireName(String name) {
            if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException("Kafka user names here are [A-Za-z0-9._-]+, not '" + name + "'");
            }
            return name;
        }

        /** Client (PLAINTEXT) port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** KRaft controller port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * Where the broker keeps its files. {@code null} (the default): a temporary directory, deleted on close. A
         * given directory is kept, and its topics survive restarts unless {@link #clean}.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** Wipe a given data directory before starting (default false: keep topics and offsets across restarts). */
        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /** The broker's jars; default {@link KafkaBroker#defaultLibsDirectory()}. */
        public Builder libsDirectory(Path libsDirectory) {
            this.libsDirectory = libsDirectory;
            return this;
        }

        /** How long to wait for the broker to answer (default 60 s). */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** The broker JVM's -Xmx (default 512m). */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /** Adds or overrides a line of server.properties. */
        public Builder property(String key, String value) {
            extraProperties.put(key, value);
            return this;
        }

        /**
         * Formats the storage if needed, starts the broker JVM and waits until it serves metadata.
         *
         * @throws IllegalStateException with the reason and the tail of the broker's log
         */
        public KafkaBroker start() {
            long started = System.nanoTime();
            Path libs = (libsDirectory != null ? libsDirectory : defaultLibsDirectory()).toAbsolutePath().normalize();
            requireLibs(libs);
            int actualPort = LoopbackPorts.resolve(port, "Kafka");
            int actualControllerPort = LoopbackPorts.resolve(controllerPort, "Kafka controller");
            while (controllerPort == 0 && actualControllerPort == actualPort) {
                actualControllerPort = LoopbackPorts.free(); // the kernel may hand out the same free port twice
            }
            if (actualControllerPort == actualPort) {
                throw new IllegalArgumentException(
                        "Kafka port and controller port must differ (both " + actualPort + ")");
            }

            boolean temporary = dataDirectory == null;
            Path data;
            try {
                if (temporary) {
                    sweepTemporaryDirectories();
                    data = Files.createTempDirectory(TEMP_PREFIX);
                    Files.writeString(data.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
                } else {
                    data = dataDirectory.toAbsolutePath().normalize();
                    if (clean) {
                        FileSupport.wipe(data, "server.properties", "Kafka");
                    }
                    Files.createDirectories(data);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the Kafka data directory " + dataDirectory, e);
            }
            Path logDir = data.resolve("kafka-data");
            Path config = data.resolve("server.properties");
            Path log = data.resolve("broker.log");
            String adminPassword = superUserPassword != null ? superUserPassword : newPassword();
            writeConfig(config, logDir, actualPort, actualControllerPort, adminPassword);
            appendToLog(log, "=== gucun: starting Kafka on 127.0.0.1:" + actualPort + " at " + Instant.now() + " ===");

            String java = javaBinary();
            String classpath = libs.resolve("*") + File.pathSeparator + libs.resolve("launcher");
            boolean formatted = Files.exists(logDir.resolve("meta.properties"));
            List<String> command = new ArrayList<>(List.of(java,
                    "-Xms64m", "-Xmx" + maxHeap,
                    // A test or dev broker on a 2-core machine, often booting beside Quarkus: C1 only and the serial
                    // collector cut start-up CPU and threads (≈ 8 s → 5 s measured under load).
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Djava.awt.headless=true",
                    // slf4j-simple in kafka-libs: timestamps, INFO and up, to stderr (the log file).
                    "-Dorg.slf4j.simpleLogger.showDateTime=true",
                    "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-cp", classpath,
                    KafkaBrokerMain.class.getName(), Long.toString(ProcessHandle.current().pid()), config.toString()));
            if (!formatted) {
                // A new cluster id: KafkaBrokerMain formats the storage (kafka-storage format) before starting, with the
                // SCRAM credentials, so no client ever meets a broker without them.
                command.add(Uuid.randomUuid().toString());
                Map<String, String> credentials = new LinkedHashMap<>(users);
                credentials.put(superUser, adminPassword);
                command.add(writeUsersFile(data.resolve(USERS_FILE), credentials).toString());
            }
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .directory(data.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the Kafka broker JVM (" + java + ")", e);
            }
            KafkaBroker broker = new KafkaBroker(process, actualPort, actualControllerPort, data, log, temporary,
                    superUser, adminPassword);
            try {
                awaitReady(broker, startupTimeout);
                if (formatted && !users.isEmpty()) {
                    upsertUsers(broker, users);
                }
            } catch (RuntimeException e) {
                // Not ready is not worth a controlled shutdown: kill it, then clean up as close() does.
                process.destroyForcibly();
                broker.close();
                throw e;
            }
            LOG.log(Level.INFO, "Kafka broker ready on {0} in {1,number,#} ms (pid {2,number,#}, {3}, data in {4})",
                    broker.bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    process.pid(), formatted ? "existing storage" : "new storage", data);
            return broker;
        }

        private static Path writeUsersFile(Path file, Map<String, String> credentials) {
            StringBuilder text = new StringBuilder();
            credentials.forEach((name, password) -> text.append(SASL_MECHANISM).append("=[name=").append(name)
                    .append(",password=").append(password).append("]\n"));
            try {
                Files.deleteIfExists(file);
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + file, e);
            }
            return file;
        }

        /** Creates or updates the users' SCRAM credentials on a broker whose storage already existed. */
        private static void upsertUsers(KafkaBroker broker, Map<String, String> users) {
            List<UserScramCredentialAlteration> alterations = new ArrayList<>();
            users.forEach((name, password) -> alterations.add(new UserScramCredentialUpsertion(name,
                    new ScramCredentialInfo(SCRAM, SCRAM_ITERATIONS), password)));
            try (Admin admin = Admin.create(broker.superUserProperties())) {
                admin.alterUserScramCredentials(alterations).all().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating Kafka users", e);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create the Kafka users " + users.keySet() + ": " + e, e);
            }
        }

        private void writeConfig(Path config, Path logDir, int brokerPort, int ctrlPort, String adminPassword) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + ctrlPort);
            p.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + ctrlPort);
            p.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
            p.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("sasl.enabled.mechanisms", SASL_MECHANISM);
            p.put("sasl.mechanism.inter.broker.protocol", SASL_MECHANISM);
            p.put("listener.name.sasl_plaintext." + SASL_MECHANISM.toLowerCase() + ".sasl.jaas.config",
                    jaasConfig(superUser, adminPassword));
            p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.put("allow.everyone.if.no.acl.found", "false");
            // ANONYMOUS: the broker itself on the loopback PLAINTEXT controller listener (see the class comment)
            p.put("super.users", "User:" + superUser + ";User:ANONYMOUS");
            p.put("log.dirs", logDir.toString());
            // One node: every internal topic must make do with one replica, or groups and transactions never work.
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.min.isr", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            // Consumers join at once instead of after the default 3 s delay.
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("num.partitions", "3");
            p.put("auto.create.topics.enable", "true");
            p.putAll(extraProperties);
            StringBuilder text = new StringBuilder("# Written by gucun infra (KafkaBroker) on every start.\n");
            p.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
            try {
                Files.writeString(config, text, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + config, e);
            }
        }

        private static void sweepTemporaryDirectories() {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, TEMP_PREFIX + "*")) {
                for (Path dir : dirs) {
                    Path owner = dir.resolve(OWNER_FILE);
                    if (!Files.isRegularFile(owner)) {
                        continue;
                    }
                    String pid = Files.readString(owner).trim();
                    boolean ownerAlive = !pid.matches("\\d+")
                            || ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).isPresent();
                    if (!ownerAlive) {
                        LOG.log(Level.INFO, "Removing temporary Kafka directory {0} left by JVM {1}, which is gone",
                                dir, pid);
                        FileSupport.deleteRecursively(dir);
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "Could not sweep temporary Kafka directories in " + tmp, e);
            }
        }

        /** Properties-file escaping for values: backslashes (Windows paths) and non-ASCII (a home directory in any
         *  script), since Kafka reads the file as ISO-8859-1. */
        private static String escape(String value) {
            StringBuilder out = new StringBuilder(value.length());
            for (char c : value.toCharArray()) {
                if (c == '\\') {
                    out.append("\\\\");
                } else if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        /**
         * Waits for the port to open (cheap, and keeps the AdminClient from logging refused connections), then for
         * {@code describeCluster} to list the broker. Fails fast if the JVM dies (bad config, port taken meanwhile).
         */
        private static void awaitReady(KafkaBroker broker, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!LoopbackPorts.isListening(broker.port, 200)) {
                checkAlive(broker);
                checkDeadline(broker, deadline, timeout, null);
                sleep(100);
            }
            Properties config = new Properties();
            config.putAll(broker.superUserProperties());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "gucun-infra-readiness");
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
            RuntimeException last = null;
            try (Admin admin = Admin.create(config)) {
                while (true) {
                    checkAlive(broker);
                    checkDeadline(broker, deadline, timeout, last);
                    long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    int attemptMillis = (int) Math.min(5000, remainingMillis);
                    try {
                        if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(attemptMillis))
                                .nodes().get(attemptMillis + 1000L, TimeUnit.MILLISECONDS).isEmpty()) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while waiting for Kafka on "
                                + broker.bootstrapServers(), e);
                    } catch (Exception e) {
                        if (e.getCause() instanceof SaslAuthenticationException refused) {
                            // a kept data directory formatted with another super-user password: waiting will not help
                            throw new IllegalStateException("Kafka on " + broker.bootstrapServers() + " refuses the super"
                                    + " user " + broker.superUser + " (" + refused.getMessage() + "): its data in "
                                    + broker.dataDirectory + " was made with other credentials; start it clean", refused);
                        }
                        last = new IllegalStateException(e.getMessage(), e);
                    }
                    sleep(200);
                }
            }
        }

        private static void checkAlive(KafkaBroker broker) {
            if (!broker.process.isAlive()) {
                throw new IllegalStateException("Kafka broker JVM exited with code " + broker.process.exitValue()
                        + " before it was ready on " + broker.bootstrapServers() + "\n"
                        + FileSupport.tail(broker.logFile, 40));
            }
        }

        private static void checkDeadline(KafkaBroker broker, long deadline, Duration timeout, Exception last) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka broker not ready on " + broker.bootstrapServers() + " within "
                        + timeout.toSeconds() + " s" + (last != null ? " (" + last.getMessage() + ")" : "")
                        + "; it was killed\n" + FileSupport.tail(broker.logFile, 40), last);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka", e);
            }
        }

        private static void appendToLog(Path log, String line) {
            try {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + log, e);
            }
        }

        /** The java of this JVM, so the broker runs on the same JDK that runs the build or the launcher. */
        private static String javaBinary() {
            boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
            Path fromHome = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
            if (Files.isExecutable(fromHome)) {
                return fromHome.toString();
            }
            return ProcessHandle.current().info().command()
                    .orElseThrow(() -> new IllegalStateException("Cannot find the java binary of this JVM under "
                            + System.getProperty("java.home")));
        }
    }
}
