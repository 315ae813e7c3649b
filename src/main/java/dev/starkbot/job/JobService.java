package dev.starkbot.job;

import org.jspecify.annotations.Nullable;

/** How modules start background work. */
public interface JobService {

    /**
     * @param ownerId     the user the job belongs to (null for the system's own work)
     * @param maxAttempts attempts before the job is failed for good
     * @return the job's id
     */
    String enqueue(String type, @Nullable String ownerId, @Nullable String payload, int maxAttempts);
}
