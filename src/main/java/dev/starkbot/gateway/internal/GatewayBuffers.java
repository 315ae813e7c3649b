package dev.starkbot.gateway.internal;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Smaller WebSocket buffers than Tomcat's default of 8 KiB each, which every connection holds for its whole life,
 * however quiet. Text arrives in parts that {@link Connection#assemble} joins, so the text buffer only sets the size
 * of a part: 2,048 characters (4 KB) covers a typical request in one. Binary frames are refused (1003) whatever
 * their size. Tomcat reads these when it creates its WebSocket container, before any connection exists; the
 * largest message allowed is still {@code starkbot.gateway.max-frame-size}.
 */
@Component
class GatewayBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final int TEXT_PART_CHARS = 2048;
    static final int BINARY_BYTES = 1024;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            context.addParameter("org.apache.tomcat.websocket.textBufferSize", Integer.toString(TEXT_PART_CHARS));
            context.addParameter("org.apache.tomcat.websocket.binaryBufferSize", Integer.toString(BINARY_BYTES));
        });
    }
}
