package dev.starkbot.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.starkbot.StarkBotApplication;
import dev.starkbot.job.JobService;

/**
 * The job runner measured in-process: StarkBot started in the harness's JVM without its web server, because no
 * endpoint enqueues an arbitrary job (modules do, through {@link JobService}). A no-op job type ({@link NoopJobs})
 * is registered through the module's public SPI, and the runner has its default settings (4 threads, 5 s poll).
 *
 * <ul>
 *   <li>enqueue to start: one job at a time on an idle runner, from before {@code enqueue} to the handler's
 *       first line;</li>
 *   <li>a backlog: thousands of jobs enqueued in one transaction, so that they all become visible at its commit,
 *       and the time from the commit to the last completion;</li>
 *   <li>sustained: one thread enqueueing as fast as it can while the runner works, from the first enqueue to the
 *       last completion.</li>
 * </ul>
 */
final class JobRunBench {

    /** Results of one database. */
    record Result(Samples enqueueToStart, double backlogPerSecond, double sustainedPerSecond) {
    }

    private final BenchContext context;

    JobRunBench(BenchContext context) {
        this.context = context;
    }

    /** @param databaseArgs StarkBot's database arguments; empty for a fresh SQLite file in the data directory */
    Result run(String database, Path dataDir, List<String> databaseArgs) throws Exception {
        // an admin, as BenchServer has, so that StarkBot does not print its set-up code into the table's output
        List<String> args = new ArrayList<>(List.of("--starkbot.data-dir=" + dataDir, "--logging.level.root=WARN",
                "--starkbot.admin.username=" + BenchServer.ADMIN,
                "--starkbot.admin.password=" + BenchServer.ADMIN_PASSWORD));
        args.addAll(databaseArgs);
        context.progress("jobs (" + database + "): starting StarkBot in-process, without its web server...");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarkBotApplication.class,
                Plugged.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new))) {
            JobService jobs = app.getBean(JobService.class);
            NoopJobs noop = app.getBean(NoopJobs.class);
            TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
            Samples latency = enqueueToStart(database, jobs, noop);
            double backlog = backlog(database, jobs, noop, transaction);
            double sustained = sustained(database, jobs, noop);
            return new Result(latency, backlog, sustained);
        }
    }

    private Samples enqueueToStart(String database, JobService jobs, NoopJobs noop) throws Exception {
        int rounds = context.rounds(500);
        int warmUp = rounds / 5;
        context.progress("jobs (" + database + "): enqueue to start, one job at a time, " + rounds
                + " rounds after " + warmUp + " of warm-up...");
        long[] nanos = new long[rounds];
        for (int round = -warmUp; round < rounds; round++) {
            int before = noop.completed();
            long start = System.nanoTime();
            String id = jobs.enqueue(NoopJobs.TYPE, null, null, 1);
            long began = noop.startOf(id).get(30, TimeUnit.SECONDS);
            noop.forget(id);
            // the next round starts on an idle runner: this job's completion is stored and announced first
            waitForCompleted(noop, before + 1, round);
            if (round >= 0) {
                nanos[round] = began - start;
            }
            if (round >= 0 && (round + 1) % 100 == 0) {
                context.progress("jobs (" + database + "): enqueue to start " + (round + 1) + "/" + rounds);
            }
        }
        return Samples.of(nanos);
    }

    private double backlog(String database, JobService jobs, NoopJobs noop, TransactionTemplate transaction)
            throws Exception {
        int count = context.rounds(3_000);
        int before = noop.completed();
        context.progress("jobs (" + database + "): enqueueing a backlog of " + count + " jobs in one transaction...");
        AtomicLong committed = new AtomicLong();
        transaction.executeWithoutResult(status -> {
            // registered before the jobs' own: the runner is woken by theirs, after this notes the time
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.set(System.nanoTime());
                }
            });
            for (int i = 0; i < count; i++) {
                jobs.enqueue(NoopJobs.TYPE, null, null, 1);
            }
        });
        waitForAll(database, "backlog", noop, before + count, committed.get());
        return count / ((noop.lastCompletedNanos() - committed.get()) / 1e9);
    }

    private double sustained(String database, JobService jobs, NoopJobs noop) throws Exception {
        int count = context.rounds(3_000);
        int before = noop.completed();
        context.progress("jobs (" + database + "): enqueueing " + count + " jobs one by one while they run...");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            jobs.enqueue(NoopJobs.TYPE, null, null, 1);
            if ((i + 1) % 1000 == 0) {
                context.progress("jobs (" + database + "): enqueued " + (i + 1) + "/" + count + ", completed "
                        + (noop.completed() - before));
            }
        }
        waitForAll(database, "sustained", noop, before + count, start);
        return count / ((noop.lastCompletedNanos() - start) / 1e9);
    }

    private void waitForAll(String database, String what, NoopJobs noop, int target, long since)
            throws InterruptedException {
        long lastReport = System.nanoTime();
        while (noop.completed() < target) {
            if (System.nanoTime() - since > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException(what + ": only " + noop.completed() + " of " + target
                        + " jobs completed after 5 minutes");
            }
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                context.progress("jobs (" + database + "): " + what + " " + noop.completed() + "/" + target
                        + " completed");
                lastReport = System.nanoTime();
            }
            Thread.sleep(1);
        }
    }

    private static void waitForCompleted(NoopJobs noop, int target, int round) throws InterruptedException {
        long start = System.nanoTime();
        while (noop.completed() < target) {
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
                throw new IllegalStateException("round " + round + ": the job did not complete within 30 s");
            }
            LockSupport.parkNanos(20_000);
        }
    }

    /** StarkBot's own configuration plus the no-op job type (a lite configuration: its class is not scanned). */
    static final class Plugged {

        @Bean
        NoopJobs noopJobs() {
            return new NoopJobs();
        }
    }
}
