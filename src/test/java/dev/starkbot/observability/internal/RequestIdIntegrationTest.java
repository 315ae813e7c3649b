package dev.starkbot.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;
import dev.starkbot.observability.RequestIds;
import dev.starkbot.testing.Http;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RequestIdIntegrationTest.Endpoints.class)
class RequestIdIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void generatesAnIdWhenNoneIsGiven() {
        HttpResponse<String> response = new Http(port).get("/health");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void keepsASaneIncomingId() {
        HttpResponse<String> response = new Http(port).get("/test/request-id", "X-Request-Id", "lb-7f3a:42");
        assertThat(response.headers().firstValue("X-Request-Id")).contains("lb-7f3a:42");
        assertThat(response.body()).isEqualTo("lb-7f3a:42");
    }

    @Test
    void replacesAnIdThatCouldForgeLogLines() {
        for (String hostile : new String[] {"has spaces in it", "x".repeat(129), "quote\"d", "semi;colon"}) {
            HttpResponse<String> response = new Http(port).get("/test/request-id", "X-Request-Id", hostile);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(id).isNotEqualTo(hostile).matches("[0-9a-f-]{36}");
            assertThat(response.body()).isEqualTo(id);
        }
    }

    @Test
    void errorResponsesCarryTheSameIdInHeaderAndBody() {
        HttpResponse<String> response = new Http(port).get("/nowhere", "X-Request-Id", "trace-me");
        assertThat(response.headers().firstValue("X-Request-Id")).contains("trace-me");
        assertThat(Http.json(response).path("requestId").asString()).isEqualTo("trace-me");
        // An error raised by a filter is rendered on a later error dispatch: the id must survive it too.
        HttpResponse<String> filtered = new Http(port).get("/metrics", "X-Request-Id", "trace-filter");
        assertThat(Http.json(filtered).path("requestId").asString()).isEqualTo("trace-filter");
    }

    @Test
    void idIsCarriedIntoAsynchronousWork() {
        HttpResponse<String> mvcAsync = new Http(port).get("/test/request-id/async", "X-Request-Id", "async-1");
        assertThat(mvcAsync.body()).isEqualTo("async-1");
        HttpResponse<String> executor = new Http(port).get("/test/request-id/executor", "X-Request-Id", "exec-1");
        assertThat(executor.body()).isEqualTo("exec-1");
    }

    @TestConfiguration
    @RestController
    static class Endpoints {

        @Autowired
        AsyncTaskExecutor applicationTaskExecutor;

        /** Test endpoints need a line in the permission matrix like any other. */
        @Bean
        PermissionRule testEndpoints() {
            return PermissionRule.of(null, "/test/**", Access.PUBLIC);
        }

        @GetMapping("/test/request-id")
        String requestId() {
            return RequestIds.current();
        }

        /** Spring MVC runs the Callable on the application task executor, on another thread. */
        @GetMapping("/test/request-id/async")
        Callable<String> async() {
            return RequestIds::current;
        }

        @GetMapping("/test/request-id/executor")
        String executor() throws Exception {
            String caller = Thread.currentThread().getName();
            return applicationTaskExecutor.submit(() -> {
                assertThat(Thread.currentThread().getName()).isNotEqualTo(caller);
                return RequestIds.current();
            }).get();
        }
    }
}
