package dev.starkbot.job;

/** A job changed status or progress; the gateway tells its owner's clients. */
public record JobChanged(JobView job) {
}
