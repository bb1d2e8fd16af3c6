package io.gucun.infra.test;

import io.gucun.infra.PostgresServerTest;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceInfraTestResourceTest {

    @Test
    void providesDatasourceAndKafkaConfig() throws Exception {
        ServiceInfraTestResource resource = new ServiceInfraTestResource();
        resource.init(Map.of(ServiceInfraTestResource.DATABASE, "outreach"));
        Map<String, String> config = resource.start();
        Path kafkaData = ServiceInfraTestResource.kafka().dataDirectory();
        Path pgData = ServiceInfraTestResource.postgres().dataDirectory();
        try {
            assertThat(config).containsOnlyKeys("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
                    "quarkus.datasource.password", "kafka.bootstrap.servers", "kafka.security.protocol",
                    "GUCUN_KAFKA_USERNAME", "GUCUN_KAFKA_PASSWORD");
            assertThat(config).containsEntry("GUCUN_KAFKA_USERNAME", "outreach")
                    .containsEntry("kafka.security.protocol", "SASL_PLAINTEXT");
            assertThat(config.get("quarkus.datasource.jdbc.url")).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/outreach");
            assertThat(ServiceInfraTestResource.jdbcUrl()).isEqualTo(config.get("quarkus.datasource.jdbc.url"));
            assertThat(ServiceInfraTestResource.kafkaBootstrapServers()).isEqualTo(config.get("kafka.bootstrap.servers"));
            assertThat(ServiceInfraTestResource.kafka().isAlive()).isTrue();

            try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("outreach");
            }
            try (Admin admin = Admin.create(ServiceInfraTestResource.kafkaClientProperties())) {
                assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1);
            }
            KafkaAuthorizationChecks.asTheServiceUnderTest(ServiceInfraTestResource.kafka(),
                    config.get("GUCUN_KAFKA_PASSWORD"));
        } finally {
            resource.stop();
        }
        assertThat(kafkaData).doesNotExist();
        PostgresServerTest.awaitDeleted(pgData);
        assertThatThrownBy(ServiceInfraTestResource::kafkaBootstrapServers)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No Kafka broker is running");
    }

    @Test
    void requiresTheDatabaseArg() {
        assertThatThrownBy(() -> new ServiceInfraTestResource().init(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'database'");
        assertThatThrownBy(() -> new ServiceInfraTestResource().init(Map.of("database", "d", "kafka", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("true or false");
    }
}
