#!/bin/bash
# deploy/compose's Kafka: one KRaft node, clients only over SASL_SSL with SCRAM-SHA-512 (containers on kafka:9092, the
# host on localhost:29092), the StandardAuthorizer denying what no ACL allows, super user gucun-admin. The controller
# listener stays PLAINTEXT on the container's loopback, where only the broker itself talks to it (as ANONYMOUS, hence
# a super user; no client can be anonymous on the SASL_SSL listeners). The first start formats the storage with the
# super user's SCRAM credential; the job kafka-acls then adds the services' users and ACLs (acls.sh).
set -euo pipefail
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD}" "${KAFKA_TLS_PASSWORD:?set KAFKA_TLS_PASSWORD}"
: "${CLUSTER_ID:?set CLUSTER_ID}"
config=/tmp/server.properties
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gucun-admin\" password=\"$KAFKA_ADMIN_PASSWORD\";"
cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=SASL_SSL://:9092,CONTROLLER://127.0.0.1:9093,EXTERNAL://:29092
advertised.listeners=SASL_SSL://kafka:9092,EXTERNAL://${KAFKA_EXTERNAL_HOST:-localhost}:29092
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT,EXTERNAL:SASL_SSL
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=$jaas
listener.name.external.scram-sha-512.sasl.jaas.config=$jaas
ssl.keystore.type=PKCS12
ssl.keystore.location=/tls/private/broker.p12
ssl.keystore.password=$KAFKA_TLS_PASSWORD
ssl.key.password=$KAFKA_TLS_PASSWORD
ssl.client.auth=none
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:gucun-admin;User:ANONYMOUS
log.dirs=/var/lib/kafka/data
offsets.topic.replication.factor=1
offsets.topic.min.isr=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
num.partitions=3
PROPERTIES
# the super user's client settings, for the health check and the kafka-acls job
cat > /tmp/admin.properties <<PROPERTIES
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$jaas
ssl.truststore.type=PEM
ssl.truststore.location=/tls/public/ca.crt
PROPERTIES
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format -t "$CLUSTER_ID" -c "$config" \
    --add-scram "SCRAM-SHA-512=[name=gucun-admin,password=$KAFKA_ADMIN_PASSWORD]"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$config"
