package dev.starkbot.database.internal;

import java.util.concurrent.atomic.AtomicReference;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Remembers which migration Flyway started last, so that a failure can name it: Flyway's own exception for a
 * failed migration is internal API. Spring Boot registers every {@link Callback} bean with Flyway.
 */
@Component
class MigrationTracker implements Callback {

    private final AtomicReference<@Nullable String> current = new AtomicReference<>();

    @Override
    public boolean supports(Event event, @Nullable Context context) {
        return event == Event.BEFORE_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, @Nullable Context context) {
        return true;
    }

    @Override
    public void handle(Event event, @Nullable Context context) {
        MigrationInfo info = context == null ? null : context.getMigrationInfo();
        if (info != null) {
            current.set(describe(info));
        }
    }

    @Override
    public String getCallbackName() {
        return "starkbot-migration-tracker";
    }

    @Nullable String lastStarted() {
        return current.get();
    }

    void reset() {
        current.set(null);
    }

    static String describe(MigrationInfo info) {
        String version = info.getVersion() == null ? "R" : "V" + info.getVersion();
        return version + " (" + info.getDescription() + ")";
    }
}
