package dev.starkbot.schedule.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.starkbot.schedule.spi.TaskAction;

/** The task types this instance knows: one {@link TaskAction} bean each, from this module and others. */
@Component
class TaskActions {

    private final Map<String, TaskAction> byType = new TreeMap<>();

    TaskActions(ObjectProvider<TaskAction> actions) {
        actions.orderedStream().forEach(action -> {
            if (!action.type().matches("[a-z][a-z0-9-]{0,49}")) {
                throw new IllegalStateException("Task type '" + action.type() + "' of " + action.getClass()
                        .getName() + " is not lower case letters, digits and dashes (at most 50)");
            }
            TaskAction earlier = byType.putIfAbsent(action.type(), action);
            if (earlier != null) {
                throw new IllegalStateException("Two task actions of type '" + action.type() + "': "
                        + earlier.getClass().getName() + " and " + action.getClass().getName());
            }
        });
    }

    Optional<TaskAction> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
