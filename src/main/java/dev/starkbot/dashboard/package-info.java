/**
 * The web dashboard: server-side pages (Thymeleaf) served by the same process, with htmx and small scripts of
 * StarkBot's own from the same origin, talking to the REST API with the session cookie and its CSRF header, and
 * following live updates over the API's streams. Every page is sent with a Content-Security-Policy that allows no
 * inline script and no script from elsewhere. It has no API of its own: nothing depends on it.
 */
@ApplicationModule(displayName = "Dashboard")
@NullMarked
package dev.starkbot.dashboard;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
