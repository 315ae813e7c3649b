package dev.starkbot.database.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.starkbot.database.DatabaseKind;
import dev.starkbot.database.DatabasePing;
import dev.starkbot.database.DatabaseProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DefaultDatabaseTest {

    @Test
    void pingGivesUpAtTheHealthTimeoutWhenTheDatabaseHangs() {
        CountDownLatch never = new CountDownLatch(1);
        DatabaseProperties properties = new DatabaseProperties(null, null, null, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 0, Duration.ofMillis(200), null);
        DefaultDatabase database = new DefaultDatabase(
                new DatabaseTarget(DatabaseKind.POSTGRESQL, "jdbc:postgresql://nowhere/x", null),
                new HangingDataSource(never), properties, new SimpleMeterRegistry());

        long started = System.nanoTime();
        DatabasePing ping = database.ping();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(ping.up()).isFalse();
        assertThat(ping.problem()).isEqualTo("no answer within 200 ms");
        // Generous bound: it only has to prove the call returns instead of hanging with the database.
        assertThat(waited).isLessThan(Duration.ofSeconds(10));
        assertThat(database.check().details()).containsEntry("kind", "postgresql");
        database.destroy();
    }

    /** A database that accepts the connection attempt and then never answers, like one behind a dead link. */
    private record HangingDataSource(CountDownLatch latch) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("interrupted");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
