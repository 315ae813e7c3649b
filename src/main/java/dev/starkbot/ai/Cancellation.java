package dev.starkbot.ai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Lets one thread stop another's model call: the provider registers how to abort its upstream request. */
public final class Cancellation {

    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
        actions.forEach(Runnable::run);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Runs {@code action} on cancel, at once if already cancelled; the returned handle unregisters it. */
    public AutoCloseable onCancel(Runnable action) {
        actions.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> actions.remove(action);
    }
}
