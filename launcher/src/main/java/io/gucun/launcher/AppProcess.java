package io.gucun.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One running instance of a Quarkus app (a service or the gateway), started from its packaged quarkus-app. */
public final class AppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Process process;
    private final Path log;
    private final Path runJar;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private final long startedAt = System.nanoTime();
    private Duration ready;

    private AppProcess(String name, int port, Process process, Path log, Path runJar, Map<String, String> properties,
                       List<String> jvmOptions) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.runJar = runJar;
        this.properties = Map.copyOf(properties);
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    public static AppProcess start(String name, Path runJar, int port, Map<String, String> properties, Path logDir,
                            String heap) throws IOException {
        return start(name, runJar, port, properties, logDir, JvmOptions.forApp(heap));
    }

    static AppProcess start(String name, Path runJar, int port, Map<String, String> properties, Path logDir,
                            List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(runJar)) {
            throw new IllegalStateException(runJar + " is missing: build first (./gucun mvn package -DskipTests)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> environment = new LinkedHashMap<>(JvmOptions.ENVIRONMENT);
        for (String option : jvmOptions) {
            if (option.matches("[A-Z][A-Z0-9_]*=.*")) {
                // an environment variable of the JVM process (benchmarks compare e.g. MALLOC_ARENA_MAX=8), not an option
                environment.put(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
            } else {
                cmd.add(option);
            }
        }
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(runJar.toString());
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(environment);
        Process p = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new AppProcess(name, port, p, log, runJar, properties, jvmOptions);
    }

    /** A new process of the same app on the same port with the same configuration, appending to the same log. */
    AppProcess startAgain() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") is still running");
        }
        return start(name, runJar, port, properties, log.getParent(), retrained(jvmOptions));
    }

    /** The same options, a training run's output renamed for this run (a cache may have been adopted meanwhile). */
    private List<String> retrained(List<String> options) {
        List<String> again = new ArrayList<>();
        boolean training = false;
        for (String o : options) {
            if (o.startsWith(JvmOptions.AOT_CACHE_OUTPUT) || o.startsWith(JvmOptions.AOT_CACHE)) {
                training = true;
            } else {
                again.add(o);
            }
        }
        if (training) {
            again.addAll(JvmOptions.startupCache(runJar.getParent(), Runtime.version().feature()));
        }
        return again;
    }

    /** {@code kill -9}: no shutdown hook, no flush, open connections and transactions cut; returns once it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + process.pid() + ") survived kill -9 for 10 s");
            }
            JvmOptions.discardTrainedCache(jvmOptions); // kill -9 writes none
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** From starting the process to its first ready answer; null until {@link #awaitReady} returned. */
    Duration ready() {
        return ready;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early if the process exits. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log
                        + "\n" + Logs.tail(log, 30));
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    this.ready = Duration.ofNanos(System.nanoTime() - startedAt);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + log + "\n" + Logs.tail(log, 30));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            // a training run writes its AOT cache on the way out: seconds more, longer on a busy machine
            if (process.waitFor(60, TimeUnit.SECONDS)) {
                JvmOptions.adoptTrainedCache(jvmOptions);
            } else {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                JvmOptions.discardTrainedCache(jvmOptions); // cut short: the cache may be half written
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
