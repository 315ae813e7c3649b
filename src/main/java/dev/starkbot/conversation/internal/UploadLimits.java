package dev.starkbot.conversation.internal;

import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import dev.starkbot.conversation.ConversationsProperties;
import dev.starkbot.web.LargeBodyRoute;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The size limits of the chat's file upload, all derived from {@code max-upload-bytes}: the request body may be
 * {@link #ENVELOPE} larger (the multipart headers and boundaries), both in the web module's body limit and in the
 * servlet container's multipart parser, which reads the connection itself and so is not bounded by that filter.
 * This replaces {@code spring.servlet.multipart.*}; no other route takes multipart bodies.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits implements LargeBodyRoute {

    static final long ENVELOPE = 1024 * 1024;

    private final ConversationsProperties properties;

    UploadLimits(ConversationsProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().matches("/api/conversations/[^/]+/files/?");
    }

    @Override
    public long maxBodyBytes() {
        return properties.maxUploadBytes() + ENVELOPE;
    }

    @Bean
    MultipartConfigElement multipartConfigElement() {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        // the file itself is counted while it is saved, for a problem that names the limit
        factory.setMaxFileSize(DataSize.ofBytes(-1));
        factory.setMaxRequestSize(DataSize.ofBytes(maxBodyBytes()));
        return factory.createMultipartConfig();
    }
}
