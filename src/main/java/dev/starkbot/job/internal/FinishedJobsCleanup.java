package dev.starkbot.job.internal;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.starkbot.job.JobsProperties;
import dev.starkbot.shared.Housekeeping;

/** Deletes jobs that finished more than {@code keep-finished} ago; a schedule's last run simply shows none then. */
@Component
class FinishedJobsCleanup implements Housekeeping {

    private final JdbcClient jdbc;
    private final JobsProperties properties;

    FinishedJobsCleanup(JdbcClient jdbc, JobsProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "finished jobs";
    }

    @Override
    public int clean(Instant now) {
        return jdbc.sql("DELETE FROM jobs WHERE status IN ('completed', 'failed', 'cancelled') AND finished_at < ?")
                .param(now.minus(properties.keepFinished()).toEpochMilli()).update();
    }
}
