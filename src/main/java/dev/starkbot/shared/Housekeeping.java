package dev.starkbot.shared;

import java.time.Instant;

/**
 * Periodic clean-up of a module's own tables (expired sessions, finished jobs, old audit events), so that data a
 * person no longer needs does not grow for ever. The job module runs every bean of this type once per
 * {@code starkbot.jobs.housekeeping-interval}, on one instance at a time; each must be safe to run again and quick,
 * deleting in bounded statements. It lives here, not in the job module's SPI, because modules the job module
 * itself reads (accounts) contribute clean-ups too.
 */
public interface Housekeeping {

    /** What it cleans, for the log ({@code expired sessions}). */
    String name();

    /** @return how many rows it removed */
    int clean(Instant now);
}
