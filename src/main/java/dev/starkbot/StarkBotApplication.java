package dev.starkbot;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.starkbot.shared.SignalShutdown;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StarkBotApplication {

    public static void main(String[] args) {
        run(args);
    }

    /** Starts StarkBot as {@code main} does; tests that run it as a real process add their own sources. */
    public static ConfigurableApplicationContext run(String[] args, Class<?>... extraSources) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(StarkBotApplication.class)
                .sources(extraSources)
                .run(args);
        SignalShutdown.install(context);
        return context;
    }
}
