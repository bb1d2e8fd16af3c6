#!/bin/sh
# deploy/compose's one-shot job kafka-tls: a local CA and the broker's key pair, made once per volume.
#   /tls/private (volume kafka-tls, broker only): ca.p12, broker.p12 (password KAFKA_TLS_PASSWORD)
#   /tls/public  (volume kafka-ca, the services mount it read-only): ca.crt, the PEM the clients trust
# The certificate names kafka (containers), localhost and KAFKA_EXTERNAL_HOST (the EXTERNAL listener's address). Local only: a deployment
# gets its certificates from its Kafka operator (Strimzi's cluster CA, see deploy/k8s/README.md).
set -eu
: "${KAFKA_TLS_PASSWORD:?set KAFKA_TLS_PASSWORD}"
PRIVATE=/tls/private
PUBLIC=/tls/public
if [ -f "$PRIVATE/broker.p12" ] && [ -f "$PUBLIC/ca.crt" ]; then
  echo "kafka-tls: certificates exist"
  exit 0
fi
rm -f "$PRIVATE/ca.p12" "$PRIVATE/broker.p12"
pass="-storepass $KAFKA_TLS_PASSWORD -keypass $KAFKA_TLS_PASSWORD -storetype PKCS12"
keytool -genkeypair -alias ca -dname "CN=gucun local Kafka CA" -keyalg RSA -keysize 3072 -validity 825 \
  -ext bc:c -keystore "$PRIVATE/ca.p12" $pass
keytool -exportcert -rfc -alias ca -keystore "$PRIVATE/ca.p12" $pass > "$PUBLIC/ca.crt"
keytool -genkeypair -alias kafka -dname "CN=kafka" -keyalg RSA -keysize 3072 -validity 825 \
  -keystore "$PRIVATE/broker.p12" $pass
keytool -certreq -alias kafka -keystore "$PRIVATE/broker.p12" $pass \
  | keytool -gencert -alias ca -keystore "$PRIVATE/ca.p12" $pass -validity 825 -rfc \
      -ext "SAN=dns:kafka,dns:localhost,dns:${KAFKA_EXTERNAL_HOST:-localhost}" -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth \
  > "$PRIVATE/broker.crt"
keytool -importcert -noprompt -alias ca -file "$PUBLIC/ca.crt" -keystore "$PRIVATE/broker.p12" $pass
keytool -importcert -noprompt -alias kafka -file "$PRIVATE/broker.crt" -keystore "$PRIVATE/broker.p12" $pass
rm -f "$PRIVATE/broker.crt"
# the broker runs as the image's appuser (uid 1000); the CA certificate is public
chown -R 1000 "$PRIVATE"
chmod 700 "$PRIVATE"
chmod 644 "$PUBLIC/ca.crt"
echo "kafka-tls: made a CA and the broker's certificate for kafka, localhost and ${KAFKA_EXTERNAL_HOST:-localhost}"
