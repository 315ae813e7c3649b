package dev.starkbot.database.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.starkbot.database.MigrationFailedException;

/** Prints a failed migration at start-up as a short explanation and what to do, instead of a stack trace. */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationFailedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationFailedException cause) {
        String action = cause.backup()
                .map(b -> "StarkBot did not start and your data is unchanged. A copy taken just before the attempt "
                        + "is kept at " + b + ". Report the failing migration " + cause.migration() + " with the "
                        + "message above, or go back to the previous StarkBot version, which works on this data.")
                .orElse("StarkBot did not start and your data is unchanged: the failed migration " + cause.migration()
                        + " was rolled back. "
                        + "Report it with the message above, or go back to the previous StarkBot version.");
        return new FailureAnalysis(cause.getMessage(), action, cause);
    }
}
