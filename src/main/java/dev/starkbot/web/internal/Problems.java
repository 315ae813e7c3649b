package dev.starkbot.web.internal;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import dev.starkbot.observability.RequestIds;
import dev.starkbot.web.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds every problem document StarkBot sends, so that all of them carry a stable {@code type}, the request id
 * (to find the matching log lines) and are counted in {@code starkbot_http_problems_total}.
 */
@Component
class Problems {

    private final MeterRegistry meters;

    Problems(MeterRegistry meters) {
        this.meters = meters;
    }

    ProblemDetail create(HttpStatusCode status, String slug, @Nullable String detail, @Nullable String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        complete(problem, slug, path);
        return problem;
    }

    /** Fills in what Spring's own problem documents lack; keeps a type a handler chose deliberately. */
    void complete(ProblemDetail problem, @Nullable String slug, @Nullable String path) {
        URI type = problem.getType();
        if (type == null || "about:blank".equals(type.toString())) {
            problem.setType(ProblemTypes.of(slug != null ? slug : slugFor(problem.getStatus())));
        }
        if (problem.getTitle() == null) {
            HttpStatus known = HttpStatus.resolve(problem.getStatus());
            problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        }
        if (path != null && problem.getInstance() == null) {
            problem.setInstance(URI.create(path.replaceAll("[^A-Za-z0-9._~!$&'()*+,;=:@/%-]", "")));
        }
        String requestId = RequestIds.current();
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        String typeSlug = problem.getType().toString().replace(ProblemTypes.BASE, "");
        Counter.builder("starkbot.http.problems")
                .description("Problem responses sent, by HTTP status and problem type")
                .tag("status", Integer.toString(problem.getStatus()))
                .tag("type", typeSlug)
                .register(meters)
                .increment();
    }

    static String slugFor(int status) {
        return switch (status) {
            case 400 -> ProblemTypes.MALFORMED_REQUEST;
            case 401 -> ProblemTypes.UNAUTHENTICATED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemTypes.NOT_ACCEPTABLE;
            case 409 -> ProblemTypes.CONFLICT;
            case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ProblemTypes.INVALID_REQUEST;
            case 429 -> ProblemTypes.RATE_LIMITED;
            case 503 -> ProblemTypes.UNAVAILABLE;
            default -> status >= 500 ? ProblemTypes.INTERNAL_ERROR : ProblemTypes.MALFORMED_REQUEST;
        };
    }
}
