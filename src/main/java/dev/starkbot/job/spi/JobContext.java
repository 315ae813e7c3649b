package dev.starkbot.job.spi;

import org.jspecify.annotations.Nullable;

/** What a running job knows and can report. */
public interface JobContext {

    String jobId();

    @Nullable String ownerId();

    @Nullable String payload();

    int attempt();

    /** Reports progress; also where a long job learns that it was cancelled. */
    void progress(int percent, @Nullable String message);

    boolean cancelled();
}
