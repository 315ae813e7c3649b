package dev.starkbot.dashboard.internal;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's files, mapped one folder at a time: implicit static files are off, so that every path served has
 * a line in the permission matrix ({@link DashboardRules}). Webjars are versioned in their path and cached for a
 * long time; StarkBot's own files briefly, and the service worker never, so that an upgrade reaches browsers.
 */
@Configuration(proxyBeanMethods = false)
class DashboardResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/app/**").addResourceLocations("classpath:/static/app/")
                .setCacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic());
        registry.addResourceHandler("/manifest.webmanifest").addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.maxAge(Duration.ofMinutes(10)).cachePublic());
        registry.addResourceHandler("/sw.js").addResourceLocations("classpath:/static/")
                .setCacheControl(CacheControl.noCache());
    }
}
