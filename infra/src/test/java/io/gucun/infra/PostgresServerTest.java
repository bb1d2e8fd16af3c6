package io.gucun.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class PostgresServerTest {

    @Test
    void startsTemporaryClusterWithDatabasesOnLoopback() throws Exception {
        Path dataDirectory;
        int port;
        try (PostgresServer pg = PostgresServer.builder().databases("membership", "dues", "rights", "outreach").start()) {
            port = pg.port();
            dataDirectory = pg.dataDirectory();
            assertThat(pg.jdbcUrl("dues")).isEqualTo("jdbc:postgresql://127.0.0.1:" + port + "/dues");
            assertThat(pg.username()).isEqualTo("postgres");
            try (Connection c = connect(pg, "dues"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_database(), current_setting('server_version'),"
                         + " current_setting('listen_addresses'), upper('straße é')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("dues");
                assertThat(rs.getString(2)).startsWith("17.");
                assertThat(rs.getString(3)).isEqualTo("127.0.0.1");
                assertThat(rs.getString(4)).isEqualTo("STRAßE É");
            }
            try (Connection c = connect(pg, "outreach")) {
                assertThat(c.isValid(2)).isTrue();
            }
            // Binaries live in the project's own working directory, not in the machine-wide /tmp/embedded-pg.
            assertThat(dataDirectory).startsWith(GucunPaths.workDirectory().resolve("pg-tmp"));
        }
        assertThat(LoopbackPorts.isListening(port, 200)).isFalse();
        awaitDeleted(dataDirectory);
    }

    @Test
    void keepsDataAcrossRestartsUnlessClean(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("pg");
        try (PostgresServer pg = PostgresServer.builder().dataDirectory(data).databases("rights").start();
             Connection c = connect(pg, "rights"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id int PRIMARY KEY, name text)");
            s.execute("INSERT INTO kept VALUES (1, 'still here')");
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        String clusterCreated = Files.getLastModifiedTime(data.resolve("PG_VERSION")).toString();

        try (PostgresServer pg = PostgresServer.builder().dataDirectory(data).clean(false).databases("rights").start();
             Connection c = connect(pg, "rights"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM kept WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
        assertThat(Files.getLastModifiedTime(data.resolve("PG_VERSION")).toString()).isEqualTo(clusterCreated);

        try (PostgresServer pg = PostgresServer.builder().dataDirectory(data).clean(true).databases("rights").start();
             Connection c = connect(pg, "rights"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT name FROM kept"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("kept");
        }
    }

    @Test
    void namesThePortWhenItIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LoopbackPorts.address(), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> PostgresServer.builder().port(port).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PostgreSQL port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void refusesToWipeADirectoryThatIsNotACluster(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("precious.txt"), "do not delete");
        assertThatThrownBy(() -> PostgresServer.builder().dataDirectory(tmp).clean(true).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to wipe");
        assertThatThrownBy(() -> PostgresServer.builder().dataDirectory(tmp).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("neither empty nor a cluster");
        assertThat(tmp.resolve("precious.txt")).exists();
    }

    @Test
    void rejectsInvalidDatabaseNames() {
        assertThatThrownBy(() -> PostgresServer.builder().databases("dues; DROP"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid database name");
    }

    /** Temporary clusters are deleted in the background after close. */
    public static void awaitDeleted(Path dir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(dir) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(dir).doesNotExist();
    }

    private static Connection connect(PostgresServer pg, String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
    }
}
