#!/usr/bin/env bash
# Builds the five JVM images from the Maven build, for a machine with a Docker (or Podman) engine.
#   deploy/docker/build-images.sh [tag] [registry-prefix]
#   e.g. deploy/docker/build-images.sh 0.1.0 registry.example.org/gucun   (then push them)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TAG="${1:-dev}"
PREFIX="${2:-gucun}"
ENGINE="${CONTAINER_ENGINE:-docker}"
cd "$ROOT"
./gucun mvn -B -ntp package -DskipTests
while read -r app port; do
  "$ENGINE" build -f deploy/docker/Dockerfile.jvm --build-arg APP="$app" --build-arg PORT="$port" \
    -t "$PREFIX/$app:$TAG" .
done <<'APPS'
membership-service 8081
dues-service 8082
rights-service 8083
outreach-service 8084
gateway 8080
APPS
echo "built: $PREFIX/{membership-service,dues-service,rights-service,outreach-service,gateway}:$TAG"
