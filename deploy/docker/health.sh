#!/usr/bin/env bash
# Container health check without curl: GET http://127.0.0.1:$GUCUN_PORT<path>, healthy on HTTP 200.
# Usage: gucun-health [/q/health/ready]
set -euo pipefail
path="${1:-/q/health/ready}"
exec 3<>"/dev/tcp/127.0.0.1/${GUCUN_PORT:-8080}"
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
IFS= read -r -t 3 status <&3
[[ "$status" == *" 200 "* || "$status" == *" 200" ]]
