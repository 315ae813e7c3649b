package dev.starkbot.database.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.starkbot.database.Database;
import dev.starkbot.database.DatabaseKind;
import dev.starkbot.database.DatabasePing;
import dev.starkbot.database.DatabaseProperties;
import dev.starkbot.observability.spi.HealthCheck;
import dev.starkbot.observability.spi.HealthCheckResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

@Component
class DefaultDatabase implements Database, HealthCheck, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DefaultDatabase.class);

    private final DatabaseTarget target;
    private final DataSource dataSource;
    private final Duration timeout;
    private final Timer pingTimer;
    // Each ping runs on its own virtual thread so that a database that never answers costs no platform thread
    // and cannot hang /health: the caller waits at most the timeout.
    private final ExecutorService pinger = Executors.newVirtualThreadPerTaskExecutor();

    DefaultDatabase(DatabaseTarget target, DataSource dataSource, DatabaseProperties properties,
                    MeterRegistry meters) {
        this.target = target;
        this.dataSource = dataSource;
        this.timeout = properties.healthTimeout();
        this.pingTimer = Timer.builder("starkbot.database.ping")
                .description("Round-trip time of the health check's SELECT 1 to the database")
                .tag("database", target.kind().name().toLowerCase())
                .register(meters);
    }

    @Override
    public DatabaseKind kind() {
        return target.kind();
    }

    @Override
    public Optional<Path> sqliteFile() {
        return Optional.ofNullable(target.sqliteFile());
    }

    @Override
    public DatabasePing ping() {
        long started = System.nanoTime();
        Future<Duration> roundTrip = pinger.submit(this::selectOne);
        try {
            Duration took = roundTrip.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            pingTimer.record(took);
            return new DatabasePing(true, took, null);
        } catch (TimeoutException e) {
            roundTrip.cancel(true);
            return new DatabasePing(false, Duration.ofNanos(System.nanoTime() - started),
                    "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            log.warn("Database health check failed: {}", e.getCause().toString());
            return new DatabasePing(false, Duration.ofNanos(System.nanoTime() - started), "connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DatabasePing(false, Duration.ofNanos(System.nanoTime() - started), "interrupted");
        }
    }

    private Duration selectOne() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long started = System.nanoTime();
            statement.execute("SELECT 1");
            return Duration.ofNanos(System.nanoTime() - started);
        }
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckResult check() {
        DatabasePing ping = ping();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", target.kind().name().toLowerCase());
        details.put("roundTripMs", Math.round(ping.roundTrip().toNanos() / 10_000.0) / 100.0);
        if (ping.problem() != null) {
            details.put("problem", ping.problem());
        }
        return new HealthCheckResult(ping.up(), details);
    }

    /**
     * Runs before the pool closes (this bean depends on it). On SQLite, folding the WAL back into the main file
     * leaves a single self-contained file that can be copied or backed up while StarkBot is stopped.
     */
    @Override
    public void destroy() {
        pinger.shutdownNow();
        if (target.kind() != DatabaseKind.SQLITE) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA optimize");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            log.info("Database checkpointed and closed cleanly");
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not checkpoint the SQLite database on shutdown: {}", e.toString());
        }
    }
}
