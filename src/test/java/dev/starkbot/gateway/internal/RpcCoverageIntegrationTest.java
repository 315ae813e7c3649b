package dev.starkbot.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.starkbot.shared.RpcMethod;

/** Every capability of the REST API is also a JSON-RPC method, unless it is listed here with the reason. */
@SpringBootTest
class RpcCoverageIntegrationTest {

    /** HTTP-only on purpose: getting in (the socket has its own auth), operations, and the SSE streams. */
    private static final Set<String> HTTP_ONLY = Set.of(
            "GET /health", "[] /error", "GET /api/setup", "POST /api/setup", "POST /api/auth/login",
            "POST /api/auth/register", "POST /api/auth/logout", "GET /api/events",
            // the SSE variant of chat.send; the JSON variant on the same path is the method
            "POST /api/conversations/{id}/messages",
            // a file upload is a multipart body, which a JSON-RPC message cannot carry; the ids it answers are
            // then sent with chat.send's attachments
            "POST /api/conversations/{id}/files",
            // called by Telegram, authenticated by its secret header
            "POST /webhooks/telegram",
            // reached by the owner's browser, redirected by Discord, and answered with a page
            "GET /oauth2/discord/callback");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyRestEndpointIsAlsoAJsonRpcMethod() {
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            // the dashboard's pages are HTML for a browser, not operations: their data comes from the API
            if (entry.getValue().getMethodAnnotation(RpcMethod.class) != null
                    || entry.getValue().getBeanType().getName().contains("Test")
                    || entry.getValue().getBeanType().getPackageName().startsWith("dev.starkbot.dashboard")) {
                continue;
            }
            String name = entry.getKey().getMethodsCondition().getMethods().toString().replace("[", "")
                    .replace("]", "") + " " + entry.getKey().getPatternValues().iterator().next();
            String key = name.startsWith(" ") ? "[]" + name : name;
            if (!HTTP_ONLY.contains(key)) {
                missing.add(key);
            }
        }
        assertThat(missing).as("REST endpoints without @RpcMethod").isEmpty();
    }
}
