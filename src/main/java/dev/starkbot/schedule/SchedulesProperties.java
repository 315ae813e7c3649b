package dev.starkbot.schedule;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Scheduled tasks.
 *
 * @param maxPerUser      most schedules one user may have.
 * @param minInterval     shortest time allowed between two fire times of a schedule (interval triggers, and cron
 *                        expressions such as every 10 seconds); at least 1 second.
 * @param pollingInterval how often each instance looks for schedules that are due: a schedule fires up to this much
 *                        after its fire time.
 * @param missedAfter     a fire time reached later than this (StarkBot was down) counts as missed, and the
 *                        schedule's missed-run policy decides whether it runs; at least the polling interval.
 * @param http            the {@code http} task type.
 */
@ConfigurationProperties("starkbot.schedules")
@Validated
public record SchedulesProperties(
        @DefaultValue("100") @Min(1) @Max(100000) int maxPerUser,
        @DefaultValue("1m") Duration minInterval,
        @DefaultValue("1s") Duration pollingInterval,
        @DefaultValue("1m") Duration missedAfter,
        @DefaultValue @Valid Http http) {

    public SchedulesProperties {
        if (minInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("starkbot.schedules.min-interval must be at least 1s");
        }
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("starkbot.schedules.polling-interval must be positive");
        }
        if (missedAfter.compareTo(pollingInterval) < 0) {
            throw new IllegalArgumentException("starkbot.schedules.missed-after must be at least the polling "
                    + "interval, or every fire time would count as missed");
        }
    }

    /**
     * @param allowPrivateNetworks {@code true} lets HTTP tasks call any address, including this machine
     *                             (loopback), private and link-local networks (cloud metadata services among them);
     *                             leave it off where users other than the admin create schedules.
     * @param allowedNetworks      networks HTTP tasks may call although they are private, in CIDR notation
     *                             ({@code 10.0.0.0/8}, {@code 127.0.0.1/32}, {@code fd00::/8}).
     * @param maxTimeout           longest timeout an HTTP task may ask for (its own default is 30 seconds).
     */
    public record Http(
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue List<String> allowedNetworks,
            @DefaultValue("60s") Duration maxTimeout) {

        public Http {
            if (maxTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("starkbot.schedules.http.max-timeout must be at least 1s");
            }
        }
    }
}
