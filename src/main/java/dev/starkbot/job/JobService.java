package dev.starkbot.job;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** How modules start background work and follow it. */
public interface JobService {

    /**
     * Called inside a transaction, the job and its first attempt are stored in that transaction: they exist, and
     * the job can start, only if it commits, which lets a module record "this work was started" and start it
     * atomically.
     *
     * @param ownerId     the user the job belongs to (null for the system's own work)
     * @param maxAttempts attempts before the job is failed for good
     * @return the job's id
     */
    String enqueue(String type, @Nullable String ownerId, @Nullable String payload, int maxAttempts);

    /** Any job, whoever owns it: the module asking is responsible for showing it only to its owner. */
    Optional<JobView> find(String id);
}
