package io.gucun.deploy.bench.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Samples a service's heap from outside its process with {@code jstat -gc <pid> <ms>}: the services expose no JMX and
 * the figure must be the service's own heap, not the benchmark's. jstat reads the JVM's perf-data counters (what
 * jcmd GC.heap_info also shows) without stopping it. Used = survivors + eden + old, so the peak includes garbage not
 * yet collected: it is the most heap the service held at once, an upper bound of its live data.
 */
final class HeapSampler implements AutoCloseable {

    private final Process jstat;
    private final Thread reader;
    private volatile long peakUsedKb;
    private volatile long peakCapacityKb;
    private volatile int samples;
    private volatile String error;

    HeapSampler(long pid, int intervalMs) throws IOException {
        String exe = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        jstat = new ProcessBuilder(List.of(exe, "-gc", Long.toString(pid), Integer.toString(intervalMs)))
                .redirectErrorStream(true).start();
        reader = new Thread(this::read, "heap-sampler-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            while ((line = r.readLine()) != null) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 0 && cols[0].equals("S0C")) {
                    header = List.of(cols);
                    continue;
                }
                if (header == null || cols.length != header.size()) {
                    error = line;
                    continue;
                }
                double used = 0;
                double capacity = 0;
                for (String c : List.of("S0U", "S1U", "EU", "OU")) {
                    used += Double.parseDouble(cols[header.indexOf(c)]);
                }
                for (String c : List.of("S0C", "S1C", "EC", "OC")) {
                    capacity += Double.parseDouble(cols[header.indexOf(c)]);
                }
                peakUsedKb = Math.max(peakUsedKb, (long) used);
                peakCapacityKb = Math.max(peakCapacityKb, (long) capacity);
                samples++;
            }
        } catch (IOException | RuntimeException e) {
            error = e.toString();
        }
    }

    double peakUsedMb() {
        return peakUsedKb / 1024.0;
    }

    double peakCapacityMb() {
        return peakCapacityKb / 1024.0;
    }

    int samples() {
        return samples;
    }

    /** Why no sample was taken, if none was. */
    String error() {
        return error;
    }

    @Override
    public void close() throws InterruptedException {
        jstat.destroy();
        reader.join(5000);
    }
}
