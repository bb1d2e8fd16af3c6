-- Appended to every wrk script of ./gucun bench (io.gucun.bench.Wrk): one line of JSON with what the run did, so the
-- harness reads numbers rather than wrk's rounded text ("1.92ms", "3.70k"). Latencies in microseconds.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'GUCUN-WRK {"requests":%d,"durationMicros":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latencyMicros":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9)))
end
