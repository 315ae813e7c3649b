package dev.starkbot.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.TestUser;

/**
 * The schedules page as served: what the Content-Security-Policy forbids is absent from its markup, and every hint
 * and error slot a field points to with {@code aria-describedby} exists, so that a screen reader reads them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"starkbot.rate-limit.enabled=false", "starkbot.accounts.registration=open"})
class SchedulesPageIntegrationTest {

    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");
    private static final Pattern DESCRIBED_BY = Pattern.compile("aria-describedby=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private String page() {
        Http http = new Http(port);
        TestUser user = TestUser.signUp(http, "schedules-page");
        HttpResponse<String> page = http.get("/schedules", "Accept", "text/html", "Authorization",
                "Bearer " + user.token());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndLoadsItsModule() {
        String html = page();

        assertThat(html).contains("/app/schedules.js", "id=\"schedule-form\"", "id=\"preview\"")
                .doesNotContainPattern("\\sstyle=").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>")
                .doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void everyHintAndErrorAFieldPointsToIsOnThePage() {
        String html = page();
        Set<String> ids = ID.matcher(html).results().map(m -> m.group(1)).collect(Collectors.toSet());

        Matcher describedBy = DESCRIBED_BY.matcher(html);
        int fields = 0;
        while (describedBy.find()) {
            fields++;
            for (String id : describedBy.group(1).split("\\s+")) {
                assertThat(ids).as("aria-describedby=%s", id).contains(id);
            }
        }
        assertThat(fields).isGreaterThan(15);
    }

    @Test
    void thePagesModulesAreServedAsJavaScript() {
        Http http = new Http(port);
        for (String path : new String[] {"/app/schedules.js", "/app/schedule-form.js", "/app/schedule-words.js",
                "/app/field-errors.js"}) {
            HttpResponse<String> file = http.get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElseThrow()).as(path).contains("javascript");
            assertThat(file.body()).as(path).doesNotContain("innerHTML", "eval(", "new Function");
        }
    }
}
