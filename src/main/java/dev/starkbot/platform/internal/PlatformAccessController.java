package dev.starkbot.platform.internal;

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

import dev.starkbot.platform.internal.IdentityRepository.Identity;
import dev.starkbot.platform.internal.PairingRepository.Pairing;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * Who may talk to the bot on chat platforms: pairing requests for admins to answer, and each user's linked
 * identities and link codes. Who may call what is in the permission matrix.
 */
@RestController
@RequestMapping("/api/platforms")
class PlatformAccessController {

    /** @param userId the user to link the sender to; when absent, a chat account of the sender's own */
    record ApproveBody(@Nullable @Size(max = 36) String userId) {
    }

    private final PairingService pairings;
    private final IdentityService identities;

    PlatformAccessController(PairingService pairings, IdentityService identities) {
        this.pairings = pairings;
        this.identities = identities;
    }

    @GetMapping("/pairings")
    @RpcMethod(value = "platforms.pairings.list", description = "Pairing codes waiting for approval, oldest first")
    List<Pairing> pairings() {
        return pairings.pending();
    }

    @PostMapping("/pairings/{code}/approve")
    @RpcMethod(value = "platforms.pairings.approve", description = "Let a sender in: link them to a user")
    Identity approve(@AuthenticationPrincipal Principal me, @PathVariable String code,
                     @Valid @RequestBody(required = false) @Nullable ApproveBody body) {
        return pairings.approve(me, code, body == null ? null : body.userId());
    }

    @DeleteMapping("/pairings/{code}")
    @RpcMethod(value = "platforms.pairings.reject", description = "Reject a pairing code")
    ResponseEntity<Void> reject(@AuthenticationPrincipal Principal me, @PathVariable String code) {
        pairings.reject(me, code);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/identities")
    @RpcMethod(value = "platforms.identities.list", description = "The caller's linked platform accounts")
    List<Identity> identities(@AuthenticationPrincipal Principal me) {
        return identities.identities(me.userId());
    }

    @DeleteMapping("/identities/{platform}/{platformUserId}")
    @RpcMethod(value = "platforms.identities.unlink", description = "Unlink a platform account")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal Principal me, @PathVariable String platform,
                                @PathVariable String platformUserId) {
        identities.unlink(me, platform, platformUserId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/link-codes")
    @RpcMethod(value = "platforms.linkCodes.create", description = "A code to send as /link CODE to the bot on a "
            + "platform, which links that account to the caller")
    ResponseEntity<IdentityService.LinkCode> createLinkCode(@AuthenticationPrincipal Principal me) {
        return ResponseEntity.status(HttpStatus.CREATED).body(identities.createLinkCode(me));
    }
}
