package dev.starkbot.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard's pages over plain HTTP: who gets what, and the headers every page carries. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "starkbot.rate-limit.enabled=false")
class DashboardPagesIntegrationTest {

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept",
                accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSignInPageIsOpenAndCarriesAPolicyWithoutInlineScript() throws Exception {
        HttpResponse<String> page = get("/login", "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in to StarkBot", "/app/login.js").doesNotContain("<script>");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void aBrowserNotSignedInIsSentToSignInAndBackWhileAClientGetsA401() throws Exception {
        HttpResponse<String> browser = get("/chat", "text/html,application/xhtml+xml");
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fchat");

        HttpResponse<String> client = get("/chat", "application/json");
        assertThat(client.statusCode()).isEqualTo(401);
        assertThat(get("/api/conversations", "text/html").statusCode()).isEqualTo(401);
    }

    @Test
    void thePersonasSettingsAndAccountPagesNeedASignedInUser() throws Exception {
        for (String path : new String[] {"/personas", "/settings", "/account"}) {
            HttpResponse<String> browser = get(path, "text/html");
            assertThat(browser.statusCode()).as(path).isEqualTo(302);
            assertThat(browser.headers().firstValue("Location").orElseThrow()).as(path)
                    .endsWith("/login?next=%2F" + path.substring(1));
        }
    }

    @Test
    void theUsagePageNeedsASignedInUser() throws Exception {
        HttpResponse<String> browser = get("/usage", "text/html");
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fusage");
    }

    @Test
    void theShellsFilesAreServedFromThisOrigin() throws Exception {
        for (String path : new String[] {"/app/app.css", "/app/app.js", "/app/icon.svg", "/app/icon-192.png",
                "/manifest.webmanifest", "/sw.js", "/webjars/htmx.org/2.0.10/dist/htmx.min.js",
                "/webjars/marked/16.4.1/lib/marked.esm.js", "/webjars/dompurify/3.3.0/dist/purify.es.mjs",
                "/offline", "/setup"}) {
            assertThat(get(path, "*/*").statusCode()).as(path).isEqualTo(200);
        }
    }
}
