package dev.starkbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One start of StarkBot on a fresh data directory, as an operator sees it.
 *
 * @param seconds    from the process's start to the first 200 of {@code /health}
 * @param cpuSeconds CPU time (user and system, every thread) the process had used by then: unlike the wall clock,
 *                   it hardly moves when other processes share the cores, so it shows what start-up costs
 * @param residentMb resident set size once idle, {@link #SETTLE} after healthy: what {@code top} shows
 * @param anonMb     the part of it that is the process's own ({@code RssAnon}): the rest is files mapped read-only
 *                   (the JDK's and the AOT cache's archives), which the kernel can share between processes and
 *                   drop under pressure, so an AOT cache can raise the resident size while lowering this
 * @param heapMb     heap in use after a full collection, asked for once the resident size was read
 */
record StartupSample(double seconds, double cpuSeconds, double residentMb, double anonMb, double heapMb) {

    /** Long enough for the work that follows a start (the first admin, platform checks, the first schedules). */
    static final Duration SETTLE = Duration.ofSeconds(5);

    static StartupSample measure(Path jar, Path dataDir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        try (BenchServer server = BenchServer.start(jar, dataDir, jvmOptions, List.of())) {
            double cpu = ProcessHandle.of(server.pid()).flatMap(process -> process.info().totalCpuDuration())
                    .map(duration -> duration.toNanos() / 1e9).orElse(Double.NaN);
            Thread.sleep(SETTLE);
            double resident = server.residentMb();
            double anon = anonMb(server.pid());
            return new StartupSample(server.startupSeconds(), cpu, resident, anon, server.heapAfterGcMb());
        }
    }

    private static double anonMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("RssAnon:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no RssAnon in /proc/" + pid + "/status");
    }

    static double median(List<StartupSample> samples, ToDoubleFunction<StartupSample> figure) {
        double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    static double best(List<StartupSample> samples, ToDoubleFunction<StartupSample> figure) {
        return Arrays.stream(samples.stream().mapToDouble(figure).toArray()).min().orElse(Double.NaN);
    }
}
