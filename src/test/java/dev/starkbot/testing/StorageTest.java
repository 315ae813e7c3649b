package dev.starkbot.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that exercises storage. The build runs every test on SQLite, then runs the classes tagged
 * here a second time on PostgreSQL ({@code -Dstarkbot.test.database=postgresql}), so that every storage feature is
 * proven on both databases. Spring contexts get a fresh database of the current kind automatically
 * ({@link TestDatabaseContextCustomizerFactory}); tests that start StarkBot by hand use {@link TestDatabase}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("storage")
public @interface StorageTest {
}
