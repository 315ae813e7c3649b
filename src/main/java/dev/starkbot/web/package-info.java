/**
 * The HTTP edge shared by every REST endpoint: one place that turns every error (unknown routes, malformed JSON,
 * oversized or mistyped bodies, validation failures, module exceptions, crashes) into an RFC 9457
 * {@code application/problem+json} response with a stable {@code type}, and the request-body size limit.
 */
@ApplicationModule(displayName = "Web")
@NullMarked
package dev.starkbot.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
