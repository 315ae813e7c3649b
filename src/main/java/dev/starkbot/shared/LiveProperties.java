package dev.starkbot.shared;

import java.util.Objects;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * A configuration record that follows edits of {@code config.toml} while StarkBot runs. A module that can apply
 * some of its settings live declares a {@code LiveProperties} bean for that prefix and reads {@link #current()} at
 * each use instead of keeping the record; everything else needs a restart, and the reload says so.
 */
public final class LiveProperties<T> {

    private final Class<T> type;
    private final String prefix;
    private final Environment environment;
    private volatile T current;

    public LiveProperties(Class<T> type, String prefix, T initial, Environment environment) {
        this.type = type;
        this.prefix = prefix;
        this.environment = environment;
        this.current = Objects.requireNonNull(initial);
    }

    public T current() {
        return current;
    }

    public String prefix() {
        return prefix;
    }

    /** Called by the reloader after the new configuration has been validated and put in place. */
    public void rebind() {
        current = Binder.get(environment).bindOrCreate(prefix, type);
    }
}
