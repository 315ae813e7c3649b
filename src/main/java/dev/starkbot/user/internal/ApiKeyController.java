package dev.starkbot.user.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import dev.starkbot.user.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/keys")
class ApiKeyController {

    /** @param scope the widest role the key acts with; the caller's own role when absent */
    record CreateKey(@NotBlank @Size(max = 100) String name, @Nullable Role scope, @Nullable Instant expiresAt) {
    }

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    @RpcMethod(value = "keys.list", description = "The caller's API keys (never the keys themselves)")
    List<ApiKeyService.ApiKeyView> list(@AuthenticationPrincipal Principal me) {
        return keys.list(me);
    }

    /** The only response that ever contains the key itself. */
    @PostMapping
    @RpcMethod(value = "keys.create", description = "Create an API key; the only answer that contains it")
    ResponseEntity<ApiKeyService.Created> create(@AuthenticationPrincipal Principal me,
                                                 @Valid @RequestBody CreateKey body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(keys.create(me, body.name().strip(), body.scope() == null ? me.role() : body.scope(),
                        body.expiresAt()));
    }

    @DeleteMapping("/{id}")
    @RpcMethod(value = "keys.revoke", description = "Revoke one of the caller's API keys")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        keys.revoke(me, id);
        return ResponseEntity.noContent().build();
    }
}
