package dev.starkbot.platform.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.starkbot.shared.Housekeeping;

/** Removes expired pairing and link codes; neither can be used once expired, so nothing is lost. */
@Component
class PlatformAccessCleanup implements Housekeeping {

    private final PairingRepository pairings;
    private final LinkCodeRepository linkCodes;

    PlatformAccessCleanup(PairingRepository pairings, LinkCodeRepository linkCodes) {
        this.pairings = pairings;
        this.linkCodes = linkCodes;
    }

    @Override
    public String name() {
        return "expired pairing and link codes";
    }

    @Override
    public int clean(Instant now) {
        return pairings.deleteExpired(now.toEpochMilli()) + linkCodes.deleteExpired(now.toEpochMilli());
    }
}
