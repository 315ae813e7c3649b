package dev.starkbot.job.spi;

/**
 * Carries out the jobs of one type. A handler may run more than once for the same job (a retry, or a process that
 * died mid-run), so it must be safe to repeat. Throwing fails the attempt; the job is retried while attempts last.
 */
public interface JobHandler {

    /** The job type this handler carries out, such as {@code schedule.fire}. */
    String type();

    /** @return the result to keep with the job (text, often JSON), or null */
    String run(JobContext context) throws Exception;
}
