package dev.starkbot.web.internal;

import org.springframework.http.HttpStatus;

import dev.starkbot.shared.ErrorKind;

/** The single mapping of error kinds to HTTP statuses; the switch is exhaustive, so a new kind must be mapped. */
final class ErrorKindStatus {

    private ErrorKindStatus() {
    }

    static HttpStatus of(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }
}
