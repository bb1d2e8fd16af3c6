package io.gucun.infra;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Entry point of the broker's child JVM (see {@link KafkaBroker}).
 *
 * <p>Arguments: {@code <parent-pid> <server.properties> [<cluster-id> [<scram-users file>]]}. With a cluster id it first
 * formats the storage with {@code kafka.tools.StorageTool} in this same JVM (a separate JVM for that would cost seconds),
 * adding the SCRAM credentials listed one per line in the file ({@code SCRAM-SHA-512=[name=..,password=..]}), which it
 * then deletes: passwords never appear on a command line. It ends
 * the JVM as soon as the parent process is gone: the parent's shutdown hook covers normal exits, this also covers a
 * parent killed with SIGKILL, where no hook runs, so no broker is left orphaned.
 *
 * <p>The build copies this class alone into {@code target/kafka-libs/launcher}, and it is also in the infra jar, which
 * services load without Kafka's jars: so it reaches Kafka only by reflection and uses nothing else but the JDK.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: KafkaBrokerMain <parent-pid> <server.properties> [<cluster-id to format with>"
                    + " [<file of SCRAM credentials to add>]]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        String config = args[1];
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid).filter(ProcessHandle::isAlive);
        if (parent.isEmpty()) {
            System.err.println("KafkaBrokerMain: parent process " + parentPid + " is already gone; not starting");
            System.exit(1);
        }
        // System.exit runs Kafka's own shutdown hook, so the broker still shuts down cleanly.
        parent.get().onExit().thenRun(() -> {
            System.err.println("KafkaBrokerMain: parent process " + parentPid + " exited; shutting down");
            System.exit(0);
        });

        if (args.length >= 3) {
            List<String> format = new ArrayList<>(List.of("format", "-t", args[2], "-c", config));
            if (args.length == 4) {
                Path users = Path.of(args[3]);
                for (String credential : Files.readAllLines(users, StandardCharsets.UTF_8)) {
                    if (!credential.isBlank()) {
                        format.add("--add-scram");
                        format.add(credential.trim());
                    }
                }
                Files.delete(users);
            }
            int exitCode = (int) invoke("kafka.tools.StorageTool", "execute",
                    new Class<?>[] {String[].class, PrintStream.class}, format.toArray(String[]::new), System.out);
            if (exitCode != 0) {
                System.err.println("KafkaBrokerMain: kafka-storage format failed with exit code " + exitCode);
                System.exit(exitCode);
            }
        }
        invoke("kafka.Kafka", "main", new Class<?>[] {String[].class}, (Object) new String[] {config});
    }

    private static Object invoke(String className, String method, Class<?>[] types, Object... args) throws Throwable {
        try {
            return Class.forName(className).getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
