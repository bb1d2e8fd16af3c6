#!/bin/sh
# Creates each service's Kafka user (SCRAM-SHA-512) and its ACLs on a cluster whose authorizer denies what no ACL
# allows: the same grants as infra's KafkaPrincipals gives the local broker (KafkaPrincipalsTest keeps them equal).
#   - a service writes, reads and creates only its own topics, all named "<service>.": its events
#     (<service>.<aggregate>.v1) and its consumers' dead-letter and replay topics (<service>.<channel>.dlq/.replay);
#   - it reads the other services' topics it consumes, in consumer groups named "<service>-...".
# Idempotent: run it after every change of a password or of the grants below.
#
# Environment:
#   KAFKA_BOOTSTRAP                 the brokers' SASL_SSL listener, e.g. kafka:9093
#   KAFKA_ADMIN_CONFIG              a client properties file of a super user (security.protocol=SASL_SSL,
#                                   sasl.mechanism=SCRAM-SHA-512, sasl.jaas.config=..., ssl.truststore.*), or else
#   KAFKA_ADMIN_PASSWORD            the super user's password (KAFKA_ADMIN_USER, default gucun-admin) and
#   KAFKA_CA_FILE                   the PEM of the CA the brokers' certificates are signed by
#   GUCUN_KAFKA_PASSWORD_MEMBERSHIP, _DUES, _RIGHTS, _OUTREACH   the services' passwords (from their secrets)
#   KAFKA_BIN                       where kafka-acls.sh and kafka-configs.sh are (default /opt/kafka/bin)
# With Strimzi, declare the same as KafkaUser resources (authentication scram-sha-512, authorization simple)
# instead: deploy/k8s/README.md.
set -eu
: "${KAFKA_BOOTSTRAP:?set KAFKA_BOOTSTRAP}"
if [ -z "${KAFKA_ADMIN_CONFIG:-}" ]; then
  : "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_CONFIG, or KAFKA_ADMIN_PASSWORD and KAFKA_CA_FILE}" "${KAFKA_CA_FILE:?set KAFKA_CA_FILE}"
  KAFKA_ADMIN_CONFIG=$(mktemp)
  trap 'rm -f "$KAFKA_ADMIN_CONFIG"' EXIT
  cat > "$KAFKA_ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${KAFKA_ADMIN_USER:-gucun-admin}" password="$KAFKA_ADMIN_PASSWORD";
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_CA_FILE
PROPERTIES
fi
BIN=${KAFKA_BIN:-/opt/kafka/bin}

for service in membership dues rights outreach; do
  var=GUCUN_KAFKA_PASSWORD_$(echo "$service" | tr '[:lower:]' '[:upper:]')
  password=$(printenv "$var" || true)
  [ -n "$password" ] || { echo "acls.sh: $var is not set" >&2; exit 2; }
  "$BIN/kafka-configs.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$KAFKA_ADMIN_CONFIG" \
    --alter --entity-type users --entity-name "$service" \
    --add-config "SCRAM-SHA-512=[iterations=4096,password=$password]" > /dev/null
  echo "user $service: SCRAM-SHA-512 credential set"
done

# allow <service> <resource type> <pattern type> <name> <operation>
allow() {
  case $2 in
    topic) resource=--topic ;;
    group) resource=--group ;;
    *) echo "acls.sh: unknown resource type $2" >&2; exit 2 ;;
  esac
  "$BIN/kafka-acls.sh" --bootstrap-server "$KAFKA_BOOTSTRAP" --command-config "$KAFKA_ADMIN_CONFIG" --add \
    --allow-principal "User:$1" --operation "$5" "$resource" "$4" --resource-pattern-type "$3" > /dev/null
  echo "User:$1 may $5 $2 $4 ($3)"
}

allow membership topic prefixed membership. write
allow membership topic prefixed membership. read
allow membership topic prefixed membership. describe
allow membership topic prefixed membership. create
allow membership group prefixed membership- read
allow membership group prefixed membership- describe

allow dues topic prefixed dues. write
allow dues topic prefixed dues. read
allow dues topic prefixed dues. describe
allow dues topic prefixed dues. create
allow dues topic literal membership.org.v1 read
allow dues topic literal membership.org.v1 describe
allow dues topic literal membership.enterprise.v1 read
allow dues topic literal membership.enterprise.v1 describe
allow dues topic literal membership.member.v1 read
allow dues topic literal membership.member.v1 describe
allow dues topic literal membership.card.v1 read
allow dues topic literal membership.card.v1 describe
allow dues topic literal membership.assessment.v1 read
allow dues topic literal membership.assessment.v1 describe
allow dues group prefixed dues- read
allow dues group prefixed dues- describe

allow rights topic prefixed rights. write
allow rights topic prefixed rights. read
allow rights topic prefixed rights. describe
allow rights topic prefixed rights. create
allow rights topic literal membership.org.v1 read
allow rights topic literal membership.org.v1 describe
allow rights topic literal membership.enterprise.v1 read
allow rights topic literal membership.enterprise.v1 describe
allow rights group prefixed rights- read
allow rights group prefixed rights- describe

allow outreach topic prefixed outreach. write
allow outreach topic prefixed outreach. read
allow outreach topic prefixed outreach. describe
allow outreach topic prefixed outreach. create
allow outreach topic literal membership.org.v1 read
allow outreach topic literal membership.org.v1 describe
allow outreach topic literal membership.enterprise.v1 read
allow outreach topic literal membership.enterprise.v1 describe
allow outreach topic literal membership.member.v1 read
allow outreach topic literal membership.member.v1 describe
allow outreach topic literal membership.appointment.v1 read
allow outreach topic literal membership.appointment.v1 describe
allow outreach topic literal dues.collection.v1 read
allow outreach topic literal dues.collection.v1 describe
allow outreach group prefixed outreach- read
allow outreach group prefixed outreach- describe
