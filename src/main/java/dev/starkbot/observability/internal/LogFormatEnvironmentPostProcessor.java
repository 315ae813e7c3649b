package dev.starkbot.observability.internal;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.starkbot.observability.LogProperties;

/**
 * Translates {@code starkbot.log.format} into Spring Boot's structured-logging switch. It must happen here, before
 * the logging system starts, which is earlier than any bean exists.
 */
class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        LogProperties.Format format = Binder.get(environment)
                .bind("starkbot.log.format", LogProperties.Format.class)
                .orElse(LogProperties.Format.TEXT);
        if (format == LogProperties.Format.JSON) {
            environment.getPropertySources().addFirst(new MapPropertySource("starkbotLogFormat",
                    Map.of("logging.structured.format.console", "logstash")));
        }
    }
}
