package dev.starkbot.web.internal;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.web.ProblemTypes;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Renders errors that never reached a controller (a filter's {@code sendError}, an exception thrown in a filter,
 * the container's own rejections) as problem documents too, replacing Spring Boot's HTML/JSON error page.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final Problems problems;

    ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : null;
        if (!(code instanceof Integer statusCode) || path == null) {
            // Someone asked for /error directly: it is not a route.
            return respond(problems.create(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                    "No such route", request.getRequestURI()));
        }
        Throwable failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = detail(request, status, failure);
        if (status.is5xxServerError() && failure != null) {
            log.error("Request to {} failed before reaching a controller", path, failure);
        }
        return respond(problems.create(status, Problems.slugFor(status.value()), detail, path));
    }

    /** A message from our own filters is meant for the client; a raw exception message is not. */
    private static @Nullable String detail(HttpServletRequest request, HttpStatus status, @Nullable Throwable failure) {
        if (failure instanceof BodyTooLargeException || (failure != null && failure.getCause()
                instanceof BodyTooLargeException)) {
            return "The request body exceeds the limit (starkbot.http.max-body-size)";
        }
        if (failure == null && request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message
                && !message.isBlank()) {
            return message;
        }
        return status.is5xxServerError()
                ? "An unexpected error occurred; the server log has the details under this request id."
                : status.getReasonPhrase();
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
