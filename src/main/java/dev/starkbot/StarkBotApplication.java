package dev.starkbot;

import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.starkbot.crypto.MasterKeyRotation;
import dev.starkbot.shared.Secret;
import dev.starkbot.shared.SignalShutdown;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StarkBotApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rotate-master-key")) {
            System.exit(rotateMasterKey(Arrays.copyOfRange(args, 1, args.length)));
        }
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

    /**
     * {@code starkbot rotate-master-key}: with StarkBot stopped and the current key in place, re-encrypts every
     * secret under a new key file, or under {@code STARKBOT_NEW_MASTER_KEY} when that is set.
     */
    static int rotateMasterKey(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StarkBotApplication.class)
                .web(WebApplicationType.NONE).run(args)) {
            String passphrase = System.getenv("STARKBOT_NEW_MASTER_KEY");
            System.out.println("Rotating the master key and re-encrypting every stored secret ...");
            Map<String, Integer> counts = context.getBean(MasterKeyRotation.class)
                    .rotate(passphrase == null || passphrase.isBlank() ? null : Secret.of(passphrase));
            counts.forEach((column, count) -> System.out.println("  " + column + ": " + count + " re-encrypted"));
            System.out.println(passphrase == null || passphrase.isBlank()
                    ? "Done. The new key is in the key file; back it up."
                    : "Done. Start StarkBot with STARKBOT_MASTER_KEY set to the new value from now on.");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("Rotation failed: " + e.getMessage());
            return 1;
        }
    }
}
