package dev.starkbot.schedule.internal;

import java.util.List;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.InvalidField;
import dev.starkbot.shared.StarkBotException;

abstract class ScheduleException extends StarkBotException {

    ScheduleException(String message) {
        super(message);
    }

    static final class NotFound extends ScheduleException {
        NotFound() {
            super("No such schedule");
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

    /** Rules a schedule breaks, every one of them, each with the field it is in. */
    static final class Invalid extends ScheduleException {

        private final List<InvalidField> fields;

        Invalid(List<InvalidField> fields) {
            super(fields.size() == 1 ? fields.getFirst().field() + ": " + fields.getFirst().message()
                    : "The schedule has " + fields.size() + " invalid field(s): " + String.join("; ",
                    fields.stream().map(f -> f.field() + ": " + f.message()).toList()));
            this.fields = List.copyOf(fields);
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.INVALID;
        }

        @Override
        public String type() {
            return "invalid-request";
        }

        @Override
        public List<InvalidField> invalidFields() {
            return fields;
        }
    }

    static final class LimitReached extends ScheduleException {
        LimitReached(int max) {
            super("You already have " + max + " schedules, the most allowed (starkbot.schedules.max-per-user)");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.CONFLICT;
        }

        @Override
        public String type() {
            return "schedule-limit";
        }
    }
}
