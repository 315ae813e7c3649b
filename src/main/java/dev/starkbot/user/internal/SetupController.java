package dev.starkbot.user.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** First-run setup: exchanges the one-time code from the server log for the first admin account. */
@RestController
@RequestMapping("/api/setup")
class SetupController {

    record SetupStatus(boolean required) {
    }

    record SetupRequest(@NotBlank @Size(max = 32) String setupCode,
                        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,64}",
                                message = "3 to 64 letters, digits, dots, dashes or underscores") String username,
                        @Size(max = 128) @Nullable String displayName,
                        @NotBlank @Size(max = 256) String password) {

        @Override
        public String toString() {
            return "SetupRequest[username=" + username + ", setupCode=[REDACTED], password=[REDACTED]]";
        }
    }

    private final SetupService setup;

    SetupController(SetupService setup) {
        this.setup = setup;
    }

    @GetMapping
    SetupStatus status() {
        return new SetupStatus(setup.required());
    }

    @PostMapping
    ResponseEntity<UserView> complete(@Valid @RequestBody SetupRequest body) {
        UserRow admin = setup.complete(body.setupCode(), body.username(),
                body.displayName() == null ? "" : body.displayName(), body.password());
        return ResponseEntity.status(HttpStatus.CREATED).body(UserView.of(admin));
    }
}
