package io.gucun.bench.data;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Samples a service's heap while a benchmark runs, from its own {@code /q/metrics}: the sum over the heap pools of
 * {@code jvm_memory_used_bytes{area="heap"}} (Micrometer's reading of the JVM's memory pool beans), and of
 * {@code jvm_memory_max_bytes}. The services expose no JMX. {@code jstat -gc <pid>} was tried first and is wrong here:
 * with the serial collector it reports eden as empty between collections (0 KB used while {@code jcmd GC.heap_info}
 * showed it 70% full), so its peak missed most of the heap. Used includes garbage not yet collected: the peak is the
 * most heap the service held at once, an upper bound of its live data.
 */
final class HeapSampler implements AutoCloseable {

    private final HttpRequest request;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile double peakUsedBytes;
    private volatile double maxBytes;
    private volatile int samples;
    private volatile String error;

    HeapSampler(String serviceUrl, int intervalMs) {
        request = HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).timeout(Duration.ofSeconds(5)).build();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        try {
            HttpResponse<String> r = BenchSupport.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            double used = 0;
            double max = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                    used += value(line);
                } else if (line.startsWith("jvm_memory_max_bytes{area=\"heap\"")) {
                    max += value(line);
                }
            }
            if (used > 0) {
                peakUsedBytes = Math.max(peakUsedBytes, used);
                maxBytes = max;
                samples++;
            }
        } catch (Exception e) {
            error = e.toString();
        }
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    double peakUsedMb() {
        return peakUsedBytes / (1024 * 1024);
    }

    double maxMb() {
        return maxBytes / (1024 * 1024);
    }

    int samples() {
        return samples;
    }

    /** The last failure to read a sample, if any. */
    String error() {
        return error;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join(5000);
    }
}
