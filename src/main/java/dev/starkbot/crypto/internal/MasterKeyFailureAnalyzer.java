package dev.starkbot.crypto.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.starkbot.crypto.MasterKeyMismatchException;

/** A wrong master key at start-up is explained in two sentences, not a stack trace. */
class MasterKeyFailureAnalyzer extends AbstractFailureAnalyzer<MasterKeyMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MasterKeyMismatchException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Start StarkBot with the master key its data was created with. To change keys, use the "
                        + "rotate-master-key command with the current key in place (docs/security.md).", cause);
    }
}
