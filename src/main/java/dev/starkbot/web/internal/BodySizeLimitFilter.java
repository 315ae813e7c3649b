package dev.starkbot.web.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.starkbot.shared.LiveProperties;
import dev.starkbot.web.HttpProperties;
import dev.starkbot.web.LargeBodyRoute;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses request bodies over {@code starkbot.http.max-body-size}: at once when the declared length is too big,
 * and while reading when a chunked body turns out too big, so that no handler ever buffers more than the limit.
 * A {@link LargeBodyRoute} (the chat's file upload) has its own, larger limit, set by the module that serves it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimitFilter extends OncePerRequestFilter {

    private final LiveProperties<HttpProperties> live;
    private final List<LargeBodyRoute> largeRoutes;

    BodySizeLimitFilter(LiveProperties<HttpProperties> live, List<LargeBodyRoute> largeRoutes) {
        this.live = live;
        this.largeRoutes = largeRoutes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = live.current().maxBodySize().toBytes();
        String setting = "starkbot.http.max-body-size";
        boolean large = false;
        for (LargeBodyRoute route : largeRoutes) {
            if (route.matches(request)) {
                limit = Math.max(limit, route.maxBodyBytes());
                setting = "the route's own limit";
                large = true;
                break;
            }
        }
        String type = request.getContentType();
        if (!large && type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) {
            // Tomcat parses multipart bodies itself, from the connection, under the upload route's larger limit:
            // only that route may receive one, so no other route has its body parsed to disk
            response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "This endpoint takes no multipart "
                    + "body");
            return;
        }
        if (request.getContentLengthLong() > limit) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(limit, setting));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static String tooLarge(long limit, String setting) {
        return "The request body exceeds the limit of " + limit + " bytes (" + setting + ")";
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedInputStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedInputStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
