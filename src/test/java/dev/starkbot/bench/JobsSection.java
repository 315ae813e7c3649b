package dev.starkbot.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Jobs enqueue-to-start and per second (in-process, {@link JobRunBench}), then schedule firing lateness with 10,000
 * schedules (StarkBot in its own process, through the REST API, {@link ScheduleFireBench}); on SQLite, and on
 * PostgreSQL when a server answers.
 */
final class JobsSection implements Section {

    private static final String NAME = "jobs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "jobs enqueue-to-start and per second, schedule firing lateness with 10,000 schedules";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        String unavailable = context.postgres().unavailable();
        if (unavailable != null) {
            context.report().note("jobs and schedules on PostgreSQL not measured: " + unavailable);
        }
        // each part on its own, so that one failing leaves the others' figures
        part(context, "jobs on SQLite", () -> jobs(context, "SQLite", List.of()));
        if (unavailable == null) {
            part(context, "jobs on PostgreSQL", () -> jobs(context, "PostgreSQL", context.postgres().freshDatabase()));
        }
        part(context, "schedules on SQLite", () -> schedules(context, "SQLite", List.of()));
        if (unavailable == null) {
            part(context, "schedules on PostgreSQL", () -> schedules(context, "PostgreSQL",
                    context.postgres().freshDatabase()));
        }
    }

    private interface Part {
        void run() throws Exception;
    }

    private static void part(BenchContext context, String what, Part part) {
        try {
            part.run();
        } catch (Exception | AssertionError e) {
            context.report().note(NAME + ": " + what + " failed: " + e);
            e.printStackTrace();
        }
    }

    private static void jobs(BenchContext context, String database, List<String> databaseArgs) throws Exception {
        Path data = context.scratch().resolve("jobs-" + UUID.randomUUID());
        JobRunBench.Result result = new JobRunBench(context).run(database, data, databaseArgs);
        // the harness has a raw commit floor for SQLite only: PostgreSQL's figures stand alone
        boolean sqlite = databaseArgs.isEmpty();
        Floors floors = context.floors();
        String on = " (" + database + ", in-process)";
        Samples latency = result.enqueueToStart();
        add(context, Figure.of(NAME, "job enqueue to start, idle, p50" + on, latency.p50Ms(), "ms"), sqlite,
                "raw SQLite insert + commit", floors.sqliteCommit().p50Ms());
        add(context, Figure.of(NAME, "job enqueue to start, idle, p99" + on, latency.p99Ms(), "ms"), sqlite,
                "raw SQLite insert + commit", floors.sqliteCommit().p99Ms());
        add(context, Figure.of(NAME, "jobs per second, backlog drained" + on, result.backlogPerSecond(), "/s"),
                sqlite, "raw SQLite commits per second", floors.sqliteCommitsPerSecond());
        add(context, Figure.of(NAME, "jobs per second, enqueued one by one" + on, result.sustainedPerSecond(),
                "/s"), sqlite, "raw SQLite commits per second", floors.sqliteCommitsPerSecond());
    }

    private static void add(BenchContext context, Figure figure, boolean withFloor, String floorName, double floor) {
        context.report().add(withFloor ? figure.against(floorName, floor) : figure);
    }

    private static void schedules(BenchContext context, String database, List<String> databaseArgs)
            throws Exception {
        Path data = context.scratch().resolve("schedules-" + UUID.randomUUID());
        new ScheduleFireBench(context, NAME).run(database, data, databaseArgs);
    }
}
