package dev.starkbot.schedule.internal;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.schedule.SchedulesProperties;
import dev.starkbot.schedule.spi.TaskAction;
import dev.starkbot.schedule.spi.TaskRun;
import dev.starkbot.shared.InvalidField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code http} task: one HTTP request, whose status and the start of whose body become the run's result; a
 * status other than 2xx fails the attempt. Redirects are not followed (the next hop could be an address the guard
 * refuses), no proxy is used (the guard checks the address the client connects to), and the response body is read
 * up to 64 KB within the task's timeout.
 */
@Component
class HttpTaskAction implements TaskAction, AutoCloseable {

    static final int MAX_BODY_BYTES = 64 * 1024;
    /** The result must fit the job's result (8,000 characters) as JSON, escapes included. */
    private static final int MAX_RESULT_CHARS = 7_500;

    private final NetworkGuard guard;
    private final SchedulesProperties properties;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    HttpTaskAction(NetworkGuard guard, SchedulesProperties properties, JsonMapper json) {
        this.guard = guard;
        this.properties = properties;
        this.json = json;
    }

    @Override
    public String type() {
        return "http";
    }

    /**
     * An address written into the URL (or {@code localhost}) is checked now, without asking DNS; other names are
     * resolved and checked at each run.
     */
    @Override
    public List<InvalidField> validate(String ownerId, JsonNode params) {
        List<InvalidField> errors = new ArrayList<>();
        HttpTaskParams parsed = HttpTaskParams.parse(params, properties.http().maxTimeout(), errors);
        if (parsed != null && isLiteralOrLocalhost(parsed.host())) {
            try {
                String refusal = guard.refusal(parsed.host());
                if (refusal != null) {
                    errors.add(new InvalidField("url", refusal));
                }
            } catch (UnknownHostException e) {
                errors.add(new InvalidField("url", "the host " + parsed.host() + " does not resolve"));
            }
        }
        return errors;
    }

    @Override
    public @Nullable String run(TaskRun run) throws Exception {
        List<InvalidField> errors = new ArrayList<>();
        HttpTaskParams params = HttpTaskParams.parse(run.params(), properties.http().maxTimeout(), errors);
        if (params == null) {
            throw new IllegalArgumentException("Invalid parameters: " + errors);
        }
        if (run.cancelled()) {
            return null;
        }
        String refusal = guard.refusal(params.host());
        if (refusal != null) {
            throw new IllegalStateException("Refused: " + refusal);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(params.url()).timeout(params.timeout())
                .method(params.method(), params.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(params.body()));
        params.headers().forEach(request::header);
        CompletableFuture<HttpResponse<Body>> exchange = client.sendAsync(request.build(),
                info -> new CappedBody(MAX_BODY_BYTES));
        HttpResponse<Body> response;
        try {
            response = exchange.get(params.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IllegalStateException("No complete response within " + ScheduleRules.human(params.timeout()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new IllegalStateException("No complete response within "
                        + ScheduleRules.human(params.timeout()));
            }
            throw new IllegalStateException(params.method() + " " + params.host() + " failed: "
                    + (e.getCause() == null ? e : e.getCause()), e.getCause());
        }
        String body = new String(response.body().bytes(), StandardCharsets.UTF_8);
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IllegalStateException("HTTP " + response.statusCode()
                    + (response.statusCode() / 100 == 3 ? " (redirects are not followed)" : "") + ": "
                    + (body.length() > 500 ? body.substring(0, 500) : body));
        }
        return result(response.statusCode(), body, response.body().truncated());
    }

    /** Spring closes it with the context: the client's selector thread ends, after requests in flight. */
    @Override
    public void close() {
        client.close();
    }

    private String result(int status, String body, boolean truncated) {
        String text = body;
        boolean cut = truncated;
        while (true) {
            String result = json.createObjectNode().put("status", status).put("body", text).put("truncated", cut)
                    .toString();
            if (result.length() <= MAX_RESULT_CHARS) {
                return result;
            }
            text = text.substring(0, text.length() * 3 / 4);
            cut = true;
        }
    }

    private static boolean isLiteralOrLocalhost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return true;
        }
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException notLiteral) {
            return false;
        }
    }

    record Body(byte[] bytes, boolean truncated) {
    }

    /** Keeps the first bytes of a body and stops reading there, so that a huge response costs nothing more. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<Body> {

        private final CompletableFuture<Body> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private Flow.@Nullable Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<Body> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), max - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
                if (buffer.hasRemaining()) {
                    result.complete(new Body(bytes.toByteArray(), true));
                    subscription.cancel();
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(new Body(bytes.toByteArray(), false));
        }
    }
}
