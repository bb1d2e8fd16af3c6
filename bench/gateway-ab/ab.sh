#!/bin/bash
# ab.sh <seconds> <rounds> name=port ...: interleaved wrk rounds (2 threads, 8 connections, GET a member with the
# stub's token) against each target in turn, round after round; prints req/s, p50 and p99 per round.
#   mkdir -p work; java Stub.java 18900 work/token &                     # OIDC discovery, JWKS, upstream; writes the token
#   ./gw.sh A /tmp/old-gateway 18901 & ./gw.sh B ../../gateway/target/quarkus-app 18902 &
#   ./ab.sh 20 1 direct=18900 A=18901 B=18902; ./ab.sh 15 3 direct=18900 A=18901 B=18902   # warm-up, then measure
secs=$1; rounds=$2; shift 2
T=$(cat work/token)
echo "load average at start: $(cat /proc/loadavg)"
for r in $(seq 1 $rounds); do
  for t in "$@"; do
    name=${t%%=*}; port=${t#*=}
    out=$(wrk -t2 -c8 -d${secs}s --latency -H "Authorization: Bearer $T" http://127.0.0.1:$port/api/membership/members/1)
    echo "round $r $name req/s=$(echo "$out" | awk '/Requests\/sec/ {print $2}') n=$(echo "$out" | awk '/requests in/ {print $1}')" \
      "p50=$(echo "$out" | awk '$1=="50%" {print $2}') p99=$(echo "$out" | awk '$1=="99%" {print $2}')" \
      "$(echo "$out" | grep -E "Non-2xx|Socket errors" | tr '\n' ' ')"
  done
done
echo "load average at end: $(cat /proc/loadavg)"
