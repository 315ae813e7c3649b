package dev.starkbot.job.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import dev.starkbot.job.JobsProperties;
import dev.starkbot.shared.Housekeeping;

/**
 * db-scheduler, holding one task type whose data is a job id and its run token. Every attempt is an instance of
 * its own ({@code <job id>:<token>:<attempt>}), so a retry is simply a new instance at a later time; a process that
 * dies mid-run leaves its instance picked with a stale heartbeat, which another instance (or this one after a
 * restart) finds and runs again. Stopping waits at most 10 s for running jobs, within the 30 s graceful
 * shutdown; jobs still running then are interrupted and run again after the restart.
 *
 * <p>db-scheduler reaches the database through a transaction-aware proxy, so that an instance scheduled inside a
 * Spring transaction is written in it (and vanishes with a rollback); elsewhere it behaves as on the plain pool. It
 * tells time by the process's {@link Clock}, like the rest of StarkBot, so that what is due is decided by one
 * clock (which tests move).
 */
@Component
class JobRunner implements SmartLifecycle {

    static final String TASK = "starkbot-job";
    static final String HOUSEKEEPING = "starkbot-housekeeping";
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final OneTimeTask<String> task;
    private final RecurringTask<Void> housekeeping;
    private final DataSource dataSource;
    private final JobsProperties properties;
    private final Clock clock;
    /** A stopped db-scheduler cannot start again, so each start builds a new one (Spring may stop and restart). */
    private volatile Scheduler scheduler;
    private volatile boolean running;

    JobRunner(DataSource dataSource, JobsProperties properties, ObjectProvider<JobExecutor> executor,
              ObjectProvider<Housekeeping> cleanups, Clock clock) {
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.properties = properties;
        this.clock = clock;
        this.task = Tasks.oneTime(TASK, String.class)
                .onDeadExecutionRevive()
                .execute((instance, context) -> executor.getObject().run(instance.getData()));
        // a recurring task runs on one instance per interval, whichever picks it first
        this.housekeeping = Tasks.recurring(HOUSEKEEPING, Schedules.fixedDelay(properties.housekeepingInterval()))
                .execute((instance, context) -> clean(cleanups));
        this.scheduler = build();
    }

    private Scheduler build() {
        return Scheduler.create(dataSource, task)
                .startTasks(housekeeping)
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .clock(clock::instant)
                .build();
    }

    private void clean(ObjectProvider<Housekeeping> cleanups) {
        Instant now = clock.instant();
        for (Housekeeping cleanup : cleanups) {
            try {
                int removed = cleanup.clean(now);
                if (removed > 0) {
                    log.info("Housekeeping removed {} {}", removed, cleanup.name());
                }
            } catch (RuntimeException e) {
                log.warn("Housekeeping of {} failed; it is tried again at the next interval", cleanup.name(), e);
            }
        }
    }

    /** Works while stopped too: the instance waits in the table for the next start. */
    void submit(String jobId, String token, int attempt, Instant when) {
        scheduler.schedule(task.instance(jobId + ":" + token.substring(0, 8) + ":" + attempt, jobId + "|" + token),
                when);
    }

    /** Looks for due attempts now rather than at the next poll: for those committed after {@link #submit}. */
    void wake() {
        if (running) {
            scheduler.triggerCheckForDueExecutions();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        scheduler.start();
        running = true;
    }

    /** Waits for running jobs up to db-scheduler's own limit; the rest are picked up again after the restart. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        scheduler.stop();
        running = false;
        scheduler = build();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped before the web server and the database pool, started after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
