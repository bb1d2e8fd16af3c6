package io.gucun.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A sampling profile of running apps with the JDK's Flight Recorder (started and stopped through {@code jcmd}, no agent
 * and no restart), summed by what the sampled code belongs to. A sample counts for the first frame, from the top of
 * the stack, that is not the JDK itself: time in {@code BigInteger} under the token check counts as the token check.
 */
final class JfrProfile {

    static final String NAME = "gucun-profile";

    /** What code belongs to, by package prefix; the first that matches wins (validation before Hibernate ORM). */
    static final List<Map.Entry<String, List<String>>> KINDS = List.of(
            Map.entry("validation", List.of("org.hibernate.validator.")),
            Map.entry("database access (Hibernate ORM, Agroal, pgjdbc)", List.of("org.hibernate.", "io.agroal.", "org.postgresql.",
                    "io.quarkus.hibernate.", "io.quarkus.agroal.", "io.quarkus.narayana.", "com.arjuna.")),
            Map.entry("token check (OIDC, jose4j)", List.of("org.jose4j.", "io.quarkus.oidc.", "io.smallrye.jwt.")),
            Map.entry("tracing (OpenTelemetry)", List.of("io.opentelemetry.", "io.quarkus.opentelemetry.", "io.gucun.telemetry.")),
            Map.entry("Kafka client and messaging", List.of("org.apache.kafka.", "io.smallrye.reactive.messaging.",
                    "io.vertx.kafka.")),
            Map.entry("JSON (Jackson)", List.of("com.fasterxml.jackson.")),
            Map.entry("HTTP (Vert.x, Netty, Quarkus REST)", List.of("io.vertx.", "io.netty.", "org.jboss.resteasy.",
                    "io.quarkus.vertx.", "io.quarkus.resteasy.")),
            Map.entry("CDI, context propagation, Mutiny", List.of("io.quarkus.arc.", "io.smallrye.context.",
                    "io.smallrye.mutiny.", "org.jboss.threads.")),
            Map.entry("logging and metrics", List.of("org.jboss.logmanager.", "org.jboss.logging.", "io.micrometer.",
                    "io.quarkus.micrometer.")),
            Map.entry("Gucun's own code", List.of("io.gucun.")));
    static final String JDK_ONLY = "the JDK alone";
    static final String OTHER = "other libraries";

    private JfrProfile() {
    }

    /** Starts a recording in each app (name → pid) that samples running Java code every 5 ms. */
    static Map<String, Path> start(Map<String, Long> apps, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        for (var app : apps.entrySet()) {
            Path file = dir.resolve(app.getKey() + ".jfr").toAbsolutePath();
            Files.deleteIfExists(file);
            if (jcmd(app.getValue(), "JFR.start", "name=" + NAME, "filename=" + file, "jdk.ExecutionSample#period=5ms")) {
                files.put(app.getKey(), file);
            }
        }
        return files;
    }

    static void stop(Map<String, Long> apps, Map<String, Path> files) throws IOException, InterruptedException {
        for (String app : files.keySet()) {
            jcmd(apps.get(app), "JFR.stop", "name=" + NAME);
        }
    }

    private static boolean jcmd(long pid, String... args) throws IOException, InterruptedException {
        Path java = ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(Path::of).orElse(null);
        if (java == null) {
            return false;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.resolveSibling("jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Sample counts by kind of code, largest first, with the total under "samples". */
    static Map<String, Long> byKind(Path recording) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                total++;
                counts.merge(kind(e.getStackTrace().getFrames()), 1L, Long::sum);
            }
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        sorted.put("samples", total);
        return sorted;
    }

    static String kind(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod() == null || f.getMethod().getType() == null) {
                continue;
            }
            String type = f.getMethod().getType().getName();
            if (isJdk(type)) {
                continue;
            }
            return kindOf(type);
        }
        return JDK_ONLY;
    }

    static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.");
    }

    static String kindOf(String type) {
        for (var k : KINDS) {
            for (String prefix : k.getValue()) {
                if (type.startsWith(prefix)) {
                    return k.getKey();
                }
            }
        }
        return OTHER;
    }
}
