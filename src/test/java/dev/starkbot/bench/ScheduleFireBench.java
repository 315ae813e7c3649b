package dev.starkbot.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

/**
 * Firing lateness with 10,000 schedules, as a user feels it: StarkBot in its own process, the schedules created
 * through {@code POST /api/schedules} by ten users, each an {@code http} task calling a loopback sink in the harness
 * ({@link ScheduleSink}), and the lateness of a fire is the sink's arrival time less the fire time.
 *
 * <p>Seven in ten schedules are not due during the run (daily cron at a far hour, daily intervals, one-time
 * triggers a month away): they are the table a poll looks through. Three in ten are one-time triggers due in a
 * window of a minute: a tenth of all at the same second at its start (the "everyone's 09:00" burst), the rest spread
 * evenly over the minute at whole seconds. Each run has one attempt, so an arrival twice is a fire run twice.
 * Afterwards the schedules' latest jobs, read through the API, split each lateness into the fire (the poll creating
 * the job), the wait for a worker and the call itself.
 */
final class ScheduleFireBench {

    private static final int USERS = 10;
    private static final int CLIENTS = 4;

    private final BenchContext context;
    private final String section;

    ScheduleFireBench(BenchContext context, String section) {
        this.context = context;
        this.section = section;
    }

    /** One schedule of the run: its number (its name and the sink's path), owner and fire time if due. */
    private record Planned(int n, int user, Long fireAt, boolean burst) {
    }

    void run(String database, Path dataDir, List<String> databaseArgs) throws Exception {
        int total = context.rounds(10_000);
        int burst = total / 10;
        int spread = total * 3 / 10 - burst;
        int window = context.quick() ? 20 : 60;
        List<String> args = new ArrayList<>(List.of("--starkbot.rate-limit.enabled=false",
                "--starkbot.schedules.max-per-user=" + (total / USERS + 1),
                "--starkbot.schedules.http.allowed-networks=127.0.0.1/32"));
        args.addAll(databaseArgs);
        String on = " (" + database + ")";
        context.progress("schedules" + on + ": starting StarkBot...");
        try (ScheduleSink sink = new ScheduleSink();
             BenchServer server = BenchServer.start(context.jar(), dataDir, jvmOptions(dataDir), args);
             ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            String admin = adminToken(server);
            String[] tokens = new String[USERS];
            for (int u = 0; u < USERS; u++) {
                tokens[u] = server.newUser(admin, "scheduler" + u);
            }
            List<Planned> background = new ArrayList<>();
            for (int n = 0; n < total - burst - spread; n++) {
                background.add(new Planned(n, n % USERS, null, false));
            }
            context.progress("schedules" + on + ": creating " + total + " schedules, " + background.size()
                    + " of them not due during the run...");
            long start = System.nanoTime();
            create(server, tokens, sink, background, clients, on, total);
            double perSecond = background.size() / ((System.nanoTime() - start) / 1e9);
            context.report().add(Figure.of(section, "schedules created per second, " + CLIENTS
                    + " clients over REST" + on, perSecond, "/s"));
            // the due ones must still lie in the future once they are all created: half again the time it should
            // take, and 5 s more
            long first = Instant.now().plusMillis((long) ((burst + spread) / perSecond * 1500) + 5_000)
                    .truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toEpochMilli();
            List<Planned> due = new ArrayList<>();
            int n = background.size();
            for (int i = 0; i < burst; i++, n++) {
                due.add(new Planned(n, n % USERS, first, true));
            }
            for (int i = 0; i < spread; i++, n++) {
                due.add(new Planned(n, n % USERS, first + 1000L * (i * (long) window / spread), false));
            }
            context.progress(String.format(Locale.ROOT, "schedules%s: creating the %d due ones: %d at %s, %d over "
                    + "the %d s after", on, due.size(), burst, Instant.ofEpochMilli(first), spread, window));
            create(server, tokens, sink, due, clients, on, total);
            long last = due.getLast().fireAt();
            await(sink, due, last, on);
            Thread.sleep(2_000); // a fire run twice would arrive by now
            report(server, tokens, sink, due, background, database, total);
        }
    }

    /**
     * The admin is created by an application runner, after the web server (and {@code /health}) is up: a login
     * at once can come first and be refused, so it is tried for a few seconds.
     */
    private static String adminToken(BenchServer server) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return server.login(BenchServer.ADMIN, BenchServer.ADMIN_PASSWORD);
            } catch (IllegalStateException refused) {
                if (attempt == 50) {
                    throw refused;
                }
                Thread.sleep(200);
            }
        }
    }

    /** {@code -Dbench.jobs.jfr=true} records the server with Java Flight Recorder, into its data directory. */
    private static List<String> jvmOptions(Path dataDir) {
        List<String> options = new java.util.ArrayList<>(StartupSection.RECOMMENDED);
        if (Boolean.getBoolean("bench.jobs.jfr")) {
            options.add("-XX:StartFlightRecording=settings=profile,filename=" + dataDir.resolve("starkbot.jfr"));
        }
        return options;
    }

    private void create(BenchServer server, String[] tokens, ScheduleSink sink, List<Planned> planned,
                        ExecutorService clients, String on, int total) throws Exception {
        AtomicInteger done = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            futures.add(clients.submit(() -> {
                for (int i = client; i < planned.size(); i += CLIENTS) {
                    Planned p = planned.get(i);
                    server.call("POST", "/api/schedules", tokens[p.user()], body(p, sink));
                    int count = done.incrementAndGet();
                    if (count % 1000 == 0) {
                        context.progress("schedules" + on + ": created " + count + "/" + planned.size()
                                + " (of " + total + ")");
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get(30, TimeUnit.MINUTES);
        }
    }

    private static Map<String, Object> body(Planned p, ScheduleSink sink) {
        Map<String, Object> trigger = switch (p.fireAt() != null ? 3 : p.n() % 3) {
            case 0 -> Map.of("type", "cron", "expression", "0 " + farHour() + " * * *", "zone", "UTC");
            case 1 -> Map.of("type", "interval", "every", "1d", "zone", "UTC");
            case 2 -> Map.of("type", "once", "at", wallClock(Instant.now().plus(30, ChronoUnit.DAYS).toEpochMilli()),
                    "zone", "UTC");
            default -> Map.of("type", "once", "at", wallClock(p.fireAt()), "zone", "UTC");
        };
        Map<String, Object> params = Map.of("method", "POST", "url", sink.url(p.n()),
                "headers", Map.of("Content-Type", "application/json"), "body", "{\"schedule\":" + p.n() + "}");
        return Map.of("name", "bench " + p.n(), "trigger", trigger, "task", Map.of("type", "http", "params", params),
                "maxAttempts", 1);
    }

    /** Twelve hours from now: a daily cron at that hour does not fire during the run. */
    private static int farHour() {
        return (LocalDateTime.now(ZoneOffset.UTC).getHour() + 12) % 24;
    }

    private static String wallClock(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).toString();
    }

    /** Until every due schedule arrived, or a minute after the last fire time. */
    private void await(ScheduleSink sink, List<Planned> due, long last, String on) throws InterruptedException {
        long nextReport = 0;
        while (true) {
            long now = System.currentTimeMillis();
            long arrived = due.stream().filter(p -> !sink.arrivals(p.n()).isEmpty()).count();
            if (arrived == due.size() || now > last + 60_000) {
                return;
            }
            if (now >= nextReport) {
                long dueByNow = due.stream().filter(p -> p.fireAt() <= now).count();
                context.progress(String.format(Locale.ROOT, "schedules%s: %d/%d due by now, %d arrived; the last "
                        + "fire time is in %d s", on, dueByNow, due.size(), arrived, Math.max(0, (last - now) / 1000)));
                nextReport = now + 5_000;
            }
            Thread.sleep(50);
        }
    }

    private void report(BenchServer server, String[] tokens, ScheduleSink sink, List<Planned> due,
                        List<Planned> background, String database, int total) throws Exception {
        String of = String.format(Locale.ROOT, " (%s, %,d schedules)", database, total);
        String in = " (" + database + ")";
        List<Long> all = new ArrayList<>();
        List<Long> burst = new ArrayList<>();
        List<Long> spread = new ArrayList<>();
        int missing = 0;
        int twice = 0;
        for (Planned p : due) {
            List<Long> arrivals = sink.arrivals(p.n());
            if (arrivals.isEmpty()) {
                missing++;
                continue;
            }
            twice += arrivals.size() > 1 ? 1 : 0;
            long late = arrivals.getFirst() - p.fireAt();
            all.add(late);
            (p.burst() ? burst : spread).add(late);
        }
        int strays = sink.strays() + (int) background.stream().filter(p -> !sink.arrivals(p.n()).isEmpty()).count();
        Samples lateness = millis(all);
        Samples burstLateness = millis(burst);
        double loopback = context.floors().httpRoundTrip().p50Ms();
        context.report().add(Figure.of(section, "schedule fire → HTTP task arrival, p50" + of, lateness.p50Ms(),
                "ms").against("raw loopback HTTP round trip", loopback));
        context.report().add(Figure.of(section, "schedule fire → HTTP task arrival, p99" + of, lateness.p99Ms(),
                "ms").against("raw loopback HTTP round trip", loopback));
        context.report().add(Figure.of(section, "schedule fire → HTTP task arrival, max" + of,
                lateness.percentile(100) / 1e6, "ms").against("raw loopback HTTP round trip", loopback));
        context.report().add(Figure.of(section, String.format(Locale.ROOT, "  the %,d due at one second, max%s",
                burst.size(), in), burstLateness.percentile(100) / 1e6, "ms"));
        context.report().add(Figure.of(section, String.format(Locale.ROOT, "  the %,d spread over a minute, p99%s",
                spread.size(), in), millis(spread).p99Ms(), "ms"));
        context.report().add(Figure.of(section, String.format(Locale.ROOT, "fires not run exactly once, of %,d%s",
                due.size(), in), missing + twice + strays, "").atMost(0));
        if (missing + twice + strays > 0) {
            context.report().note(String.format(Locale.ROOT, "schedules%s: %d due fires never arrived, %d arrived "
                    + "more than once, %d calls came from schedules not due", of, missing, twice, strays));
        }
        breakdown(server, tokens, sink, due, in);
    }

    /**
     * From each due schedule's latest job: fire time to the job's creation (the poll that fired it), creation to
     * the attempt's start (the wait for a worker), start to arrival (the task's own work and the call).
     */
    private void breakdown(BenchServer server, String[] tokens, ScheduleSink sink, List<Planned> due, String of)
            throws Exception {
        Map<String, Planned> byName = new HashMap<>();
        due.forEach(p -> byName.put("bench " + p.n(), p));
        List<Long> fire = new ArrayList<>();
        List<Long> fireSpread = new ArrayList<>();
        List<Long> queue = new ArrayList<>();
        List<Long> call = new ArrayList<>();
        for (String token : tokens) {
            for (JsonNode schedule : server.call("GET", "/api/schedules", token, null)) {
                Planned p = byName.get(schedule.path("name").asString());
                JsonNode job = schedule.path("lastJob");
                if (p == null || !job.path("startedAt").isString() || sink.arrivals(p.n()).isEmpty()) {
                    continue;
                }
                long created = Instant.parse(job.path("createdAt").asString()).toEpochMilli();
                long started = Instant.parse(job.path("startedAt").asString()).toEpochMilli();
                fire.add(created - p.fireAt());
                if (!p.burst()) {
                    fireSpread.add(created - p.fireAt());
                }
                queue.add(started - created);
                call.add(sink.arrivals(p.n()).getFirst() - started);
            }
        }
        context.report().add(Figure.of(section, "  fire → job created (the poll), p99" + of,
                millis(fire).p99Ms(), "ms"));
        // the documented bound (polling-interval, 1 s) holds for a schedule not queued behind a burst
        context.report().add(Figure.of(section, "  fire → job created, the spread ones, p99" + of,
                millis(fireSpread).p99Ms(), "ms").atMost(1_000));
        context.report().add(Figure.of(section, "  job created → started (a worker), p99" + of,
                millis(queue).p99Ms(), "ms"));
        context.report().add(Figure.of(section, "  job started → arrival (the call), p99" + of,
                millis(call).p99Ms(), "ms"));
    }

    private static Samples millis(List<Long> values) {
        return Samples.of(values.stream().mapToLong(ms -> ms * 1_000_000).toArray());
    }
}
