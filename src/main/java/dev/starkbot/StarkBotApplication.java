package dev.starkbot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.starkbot.shared.SignalShutdown;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StarkBotApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(StarkBotApplication.class, args);
        SignalShutdown.install(context);
    }
}
