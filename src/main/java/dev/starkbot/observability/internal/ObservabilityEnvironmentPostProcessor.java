package dev.starkbot.observability.internal;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.starkbot.observability.LogProperties;

/**
 * Settles two things before any bean exists, because Spring Boot reads them that early:
 * <ul>
 *   <li>{@code starkbot.log.format=json} becomes Boot's structured-logging switch, before logging starts;</li>
 *   <li>a separate management port binds to 127.0.0.1 unless told otherwise. Boot would bind it to every
 *       interface, serving unauthenticated metrics to the network; and Boot refuses a management address when
 *       there is no separate port, so the default cannot simply sit in application.properties.</li>
 * </ul>
 */
class ObservabilityEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        LogProperties.Format format = Binder.get(environment)
                .bind("starkbot.log.format", LogProperties.Format.class)
                .orElse(LogProperties.Format.TEXT);
        if (format == LogProperties.Format.JSON) {
            defaults.put("logging.structured.format.console", "logstash");
        }
        if (separateManagementPort(environment) && !environment.containsProperty("management.server.address")) {
            defaults.put("management.server.address", "127.0.0.1");
        }
        if (!defaults.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("starkbotObservability", defaults));
        }
    }

    /** Port 0 means a random port of its own; -1 turns the management server off; the same port means none. */
    private static boolean separateManagementPort(ConfigurableEnvironment environment) {
        String port = environment.getProperty("management.server.port");
        if (port == null || port.isBlank() || port.equals("-1")) {
            return false;
        }
        return port.equals("0") || !port.equals(environment.getProperty("server.port", "8080"));
    }
}
