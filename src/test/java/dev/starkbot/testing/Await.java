package dev.starkbot.testing;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls for what happens in other threads or processes, failing with a description instead of hanging. */
public final class Await {

    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(what, timeout, condition, () -> "");
    }

    /** @param context what to add to the failure, such as a process's log */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("Timed out after " + timeout.toSeconds() + " s waiting for " + what + "\n" + context.get());
    }
}
