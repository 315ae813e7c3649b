package dev.starkbot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time to a healthy {@code /health} and resident memory once idle, each start on a fresh SQLite data
 * directory: the packaged jar as {@code java -jar} runs it, its extracted form, the extracted form with a CDS
 * archive and with a JDK 25 AOT cache (both trained as Spring Boot documents), and the options docs/operations.md
 * recommends. The variants take turns round by round, so that a burst of load from elsewhere on the machine spreads
 * over all of them instead of spoiling one.
 */
final class StartupSection implements Section {

    private static final String NAME = "startup";
    /** The JVM options docs/operations.md recommends; pom.xml's {@code jvm.options} must say the same. */
    static final List<String> RECOMMENDED = List.of("-XX:+UseSerialGC", "-Xms32m", "-XX:MinHeapFreeRatio=15",
            "-XX:MaxHeapFreeRatio=40");
    /**
     * The smallest footprint docs/operations.md offers, at a price it states: the quick compiler only, so that code
     * never gets C2's optimisations (an Argon2 sign-in check takes several times as long).
     */
    static final List<String> SMALLEST = concat(RECOMMENDED, "-XX:TieredStopAtLevel=1");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "start-up time to a healthy /health (plain, CDS archive, AOT cache) and resident memory idle";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        Path scratch = context.scratch().resolve("startup");
        StartupArchives.deleteTree(scratch);
        Files.createDirectories(scratch);
        double floor = jvmAloneSeconds(context.rounds(3));
        context.report().add(Figure.of(NAME, "floor: JVM alone (java -version), median", floor, "s"));

        context.progress("extracting the jar for CDS and the AOT cache (java -Djarmode=tools ... extract)...");
        StartupArchives extracted = StartupArchives.extract(context.jar(), scratch.resolve("extracted"));
        context.progress("training the CDS archive: one start that exits once refreshed (about a start's time)...");
        Path cds = extracted.trainCds(scratch.resolve("starkbot.jsa"), scratch.resolve("train-cds"), List.of());
        context.progress("training the AOT cache: one start that exits once refreshed, then a second JVM assembles "
                + "it (about two starts)...");
        Path aot = extracted.trainAot(scratch.resolve("starkbot.aot"), scratch.resolve("train-aot"), List.of());
        context.progress("training an AOT cache on a whole start (healthy, then SIGTERM), with the recommended "
                + "options " + RECOMMENDED + " (about two starts)...");
        Path aotWhole = extracted.trainAotOnWholeStart(scratch.resolve("starkbot-whole.aot"),
                scratch.resolve("train-aot-whole"), RECOMMENDED);

        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("plain", new Variant("plain java -jar", context.jar(), List.of()));
        variants.put("extracted", new Variant("extracted, no archive", extracted.jar(), List.of()));
        variants.put("cds", new Variant("extracted + CDS", extracted.jar(),
                List.of("-XX:SharedArchiveFile=" + cds)));
        variants.put("aot", new Variant("extracted + AOT cache", extracted.jar(), List.of("-XX:AOTCache=" + aot)));
        variants.put("recommended", new Variant("java -jar + options", context.jar(), RECOMMENDED));
        variants.put("recommended-aot", new Variant("extracted + AOT + options", extracted.jar(),
                concat(RECOMMENDED, "-XX:AOTCache=" + aotWhole)));
        variants.put("smallest", new Variant("java -jar + options + C1 only", context.jar(), SMALLEST));

        int rounds = context.rounds(3);
        Map<String, List<StartupSample>> samples = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Variant> entry : variants.entrySet()) {
                Variant variant = entry.getValue();
                context.progress(String.format(java.util.Locale.ROOT, "start %d/%d, %s (start-up, then %d s idle)...",
                        round, rounds, variant.label(), StartupSample.SETTLE.toSeconds()));
                Path dataDir = scratch.resolve(entry.getKey() + "-" + round);
                StartupSample sample = StartupSample.measure(variant.jar(), dataDir, variant.jvmOptions());
                context.progress(String.format(java.util.Locale.ROOT,
                        "  healthy after %.2f s (%.2f s of CPU), %.0f MB resident (%.0f MB its own), %.0f MB heap "
                                + "after GC", sample.seconds(), sample.cpuSeconds(), sample.residentMb(),
                        sample.anonMb(), sample.heapMb()));
                samples.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(sample);
                StartupArchives.deleteTree(dataDir);
            }
        }
        context.report().note("startup: \"options\" are " + String.join(" ", RECOMMENDED) + ", \"C1 only\" adds "
                + "-XX:TieredStopAtLevel=1 (docs/operations.md); \"extracted + AOT + options\" uses an AOT cache "
                + "trained on a whole start with the options, the CDS archive and the other AOT cache Spring Boot's "
                + "documented training (exit once refreshed). Each start is on a fresh data directory, so it includes "
                + "the first migrations and key generation.");
        for (Map.Entry<String, Variant> entry : variants.entrySet()) {
            report(context.report(), entry.getValue(), samples.get(entry.getKey()), floor);
        }
    }

    private static void report(Report report, Variant variant, List<StartupSample> samples, double floor) {
        String label = variant.label();
        report.add(Figure.of(NAME, "start-up, " + label + ", median",
                StartupSample.median(samples, StartupSample::seconds), "s").against("JVM alone", floor).atMost(3));
        report.add(Figure.of(NAME, "start-up, " + label + ", best",
                StartupSample.best(samples, StartupSample::seconds), "s").against("JVM alone", floor));
        report.add(Figure.of(NAME, "CPU to healthy, " + label + ", median",
                StartupSample.median(samples, StartupSample::cpuSeconds), "s"));
        report.add(Figure.of(NAME, "resident idle, " + label + ", median",
                StartupSample.median(samples, StartupSample::residentMb), "MB").atMost(200));
        report.add(Figure.of(NAME, "resident own (RssAnon), " + label + ", median",
                StartupSample.median(samples, StartupSample::anonMb), "MB"));
        report.add(Figure.of(NAME, "heap after GC, " + label + ", median",
                StartupSample.median(samples, StartupSample::heapMb), "MB"));
    }

    private static List<String> concat(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return List.copyOf(all);
    }

    /** The JVM's own start and exit, with nothing of StarkBot: no start-up can be shorter. */
    private static double jvmAloneSeconds(int rounds) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(Java.executable(), "-version").redirectErrorStream(true).start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            nanos[i] = System.nanoTime() - start;
        }
        return Samples.of(nanos).percentile(50) / 1e9;
    }

    /**
     * One way of starting StarkBot.
     *
     * @param label      how the figures name it
     * @param jar        the jar given to {@code java -jar}
     * @param jvmOptions options before {@code -jar}
     */
    private record Variant(String label, Path jar, List<String> jvmOptions) {
    }
}
