#!/bin/bash
# gw.sh <name> <quarkus-app dir> <port> [-Dkey=value ...]: one gateway in front of the stub (Stub.java on port 18900),
# started as the e2e stack starts it (heap, serial GC, rate limit off). Logs to ./work/<name>.log.
# Used for the A/B in docs/benchmarks.md (gateway section); run from this directory.
name=$1; dir=$2; port=$3; shift 3
U=http://127.0.0.1:18900
mkdir -p work
exec "${JAVA:-java}" -Xmx256m -XX:+UseSerialGC -Dquarkus.http.port=$port -Dquarkus.http.host=127.0.0.1 \
  -Dgucun.gateway.routes.membership.upstreams=$U -Dgucun.gateway.routes.dues.upstreams=$U \
  -Dgucun.gateway.routes.rights.upstreams=$U -Dgucun.gateway.routes.outreach.upstreams=$U \
  -Dquarkus.oidc.auth-server-url=$U/realms/union -Dquarkus.log.console.json.enabled=false \
  -Dgucun.gateway.rate-limit.enabled=false "$@" -jar "$dir/quarkus-run.jar" > "work/$name.log" 2>&1
