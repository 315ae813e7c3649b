package dev.starkbot.testing;

import java.util.HashMap;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context its own fresh database, so tests never see each other's rows and never touch
 * {@code ./data}. Properties a test sets itself win over these (its property source comes first).
 */
public class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return new FreshDatabase();
    }

    private static final class FreshDatabase implements ContextCustomizer {

        private static final String INLINED = "Inlined Test Properties";

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            MapPropertySource source = new MapPropertySource("starkbotTestDatabase",
                    new HashMap<>(TestDatabase.fresh()));
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            if (sources.contains(INLINED)) {
                sources.addAfter(INLINED, source);
            } else {
                sources.addFirst(source);
            }
        }

        // Every instance is equal, so Spring's context cache still shares one context between test classes
        // with the same configuration (and so one database).
        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof FreshDatabase;
        }

        @Override
        public int hashCode() {
            return FreshDatabase.class.hashCode();
        }
    }

}
