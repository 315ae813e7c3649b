package dev.starkbot.job.spi;

import org.jspecify.annotations.Nullable;

/** What a running job knows and can report. */
public interface JobContext {

    String jobId();

    @Nullable String ownerId();

    @Nullable String payload();

    int attempt();

    /** Reports progress (0 to 100); ignored once the job is no longer running. */
    void progress(int percent, @Nullable String message);

    /** Whether the job was cancelled; a long job should ask between steps and stop when it was. */
    boolean cancelled();
}
