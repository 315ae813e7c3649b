package dev.starkbot.schedule;

import java.time.Instant;

/**
 * A time a schedule fires.
 *
 * @param at    the instant, in UTC
 * @param local the same instant in the schedule's zone, with its offset ({@code 2027-03-14T03:00:00-04:00})
 */
public record FireTime(Instant at, String local) {
}
