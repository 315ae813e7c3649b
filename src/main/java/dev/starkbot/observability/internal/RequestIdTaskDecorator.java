package dev.starkbot.observability.internal;

import org.springframework.core.task.TaskDecorator;
import org.springframework.stereotype.Component;

import dev.starkbot.observability.RequestIds;

/**
 * Spring Boot applies a {@link TaskDecorator} bean to the application task executor and scheduler, so that
 * {@code @Async} methods, MVC async requests and scheduled work log under the request id that started them.
 */
@Component
class RequestIdTaskDecorator implements TaskDecorator {

    @Override
    public Runnable decorate(Runnable runnable) {
        return RequestIds.wrap(runnable);
    }
}
