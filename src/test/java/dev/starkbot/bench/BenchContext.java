package dev.starkbot.bench;

import java.nio.file.Path;

/**
 * What every section is given.
 *
 * @param report   where figures go
 * @param floors   the machine's floors, measured first
 * @param jar      StarkBot's packaged jar
 * @param scratch  a directory for data directories and archives, deleted by nobody (it is under {@code target/})
 * @param quick    fewer rounds, for trying the harness out; the figures are then rough
 * @param postgres the PostgreSQL server to measure against, when one answers
 */
public record BenchContext(Report report, Floors floors, Path jar, Path scratch, boolean quick, Postgres postgres) {

    /** {@code full} rounds, or a tenth of them (at least one) in a quick run. */
    public int rounds(int full) {
        return quick ? Math.max(1, full / 10) : full;
    }

    public void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
