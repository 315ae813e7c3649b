package dev.starkbot.bench;

import java.util.Arrays;

/** Timings in nanoseconds, read as percentiles in milliseconds or microseconds. */
public record Samples(long[] nanos) {

    public Samples {
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    public static Samples of(long[] nanos) {
        return new Samples(nanos);
    }

    /** The nearest-rank percentile: the smallest sample that at least {@code percent}% of samples do not exceed. */
    public long percentile(double percent) {
        if (nanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * nanos.length);
        return nanos[Math.clamp(rank - 1, 0, nanos.length - 1)];
    }

    public double p50Ms() {
        return percentile(50) / 1e6;
    }

    public double p99Ms() {
        return percentile(99) / 1e6;
    }

    public double p50Us() {
        return percentile(50) / 1e3;
    }

    public double p99Us() {
        return percentile(99) / 1e3;
    }

    public int count() {
        return nanos.length;
    }

    /** Times {@code rounds} runs of a step, one after another. */
    public static Samples time(int rounds, Step step) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            step.run(i);
            nanos[i] = System.nanoTime() - start;
        }
        return new Samples(nanos);
    }

    /** One timed unit of work; {@code round} counts from 0. */
    @FunctionalInterface
    public interface Step {
        void run(int round) throws Exception;
    }
}
