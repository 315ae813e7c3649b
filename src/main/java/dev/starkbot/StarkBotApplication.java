package dev.starkbot;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.starkbot.crypto.MasterKeyRotation;
import dev.starkbot.database.SqliteEncryption;
import dev.starkbot.shared.Secret;
import dev.starkbot.shared.SignalShutdown;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StarkBotApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rotate-master-key")) {
            System.exit(rotateMasterKey(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("encrypt-database")) {
            System.exit(encryptDatabase(Arrays.copyOfRange(args, 1, args.length)));
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
     * {@code starkbot encrypt-database}: with StarkBot stopped, encrypts the plain SQLite database in place with
     * {@code STARKBOT_DATABASE_ENCRYPTION_KEY}. Needs no Spring context: it touches one file.
     */
    static int encryptDatabase(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        Path file = Path.of(environment.getProperty("starkbot.data-dir", "./data")).resolve("starkbot.db");
        String key = environment.getProperty("starkbot.database.encryption-key");
        if (key == null || key.isBlank()) {
            System.err.println("Set STARKBOT_DATABASE_ENCRYPTION_KEY to the passphrase to encrypt with.");
            return 2;
        }
        try {
            System.out.println("Encrypting " + file + " in place (make sure StarkBot is stopped) ...");
            SqliteEncryption.encrypt(file, key);
            System.out.println("Done. Start StarkBot with STARKBOT_DATABASE_ENCRYPTION_KEY set from now on.");
            return 0;
        } catch (SQLException | RuntimeException e) {
            System.err.println("Encryption failed: " + e.getMessage());
            return 1;
        }
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
