package dev.starkbot.web.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.starkbot.shared.LiveProperties;
import dev.starkbot.web.HttpProperties;

/** The body size limit can be changed in config.toml without a restart. */
@Configuration(proxyBeanMethods = false)
class LiveWebProperties {

    @Bean
    LiveProperties<HttpProperties> liveHttp(HttpProperties initial, Environment environment) {
        return new LiveProperties<>(HttpProperties.class, "starkbot.http", initial, environment);
    }
}
