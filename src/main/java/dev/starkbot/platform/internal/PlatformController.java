package dev.starkbot.platform.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;

/** The connection status of every enabled platform. */
@RestController
class PlatformController {

    private final PlatformRegistry registry;

    PlatformController(PlatformRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/platforms")
    @RpcMethod(value = "platforms.status", description = "Each enabled chat platform's connection status")
    List<PlatformStatus> statuses() {
        return registry.statuses();
    }

    @Bean
    static PermissionRule platformStatusRule() {
        return PermissionRule.of("GET", "/api/platforms", Access.READ);
    }
}
