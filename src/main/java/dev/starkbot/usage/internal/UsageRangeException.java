package dev.starkbot.usage.internal;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

class UsageRangeException extends StarkBotException {

    UsageRangeException(int maxDays) {
        super("'from' must not be after 'to', and the range may span at most " + maxDays + " days");
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID;
    }

    @Override
    public String type() {
        return "invalid-usage-range";
    }

    /** The budget's user does not exist (the foreign key said so). */
    static final class UnknownUser extends StarkBotException {

        UnknownUser() {
            super("no such user");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.NOT_FOUND;
        }

        @Override
        public String type() {
            return "not-found";
        }
    }
}
