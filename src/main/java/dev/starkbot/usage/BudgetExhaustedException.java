package dev.starkbot.usage;

import java.time.Duration;
import java.util.Optional;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/** The user's daily or monthly token budget is spent; it renews at the start of the next UTC day or month. */
public class BudgetExhaustedException extends StarkBotException {

    private final Duration renewsIn;

    public BudgetExhaustedException(String period, long budget, Duration renewsIn) {
        super("your " + period + " token budget of " + budget + " is spent; it renews in "
                + renewsIn.toHours() + " h " + renewsIn.toMinutesPart() + " min");
        this.renewsIn = renewsIn;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.RATE_LIMITED;
    }

    @Override
    public String type() {
        return "token-budget-exhausted";
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(renewsIn);
    }
}
