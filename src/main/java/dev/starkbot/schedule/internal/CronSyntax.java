package dev.starkbot.schedule.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/**
 * Cron expressions as users write them: 5 fields (minute hour day-of-month month day-of-week), 6 fields (seconds
 * first) or a macro, evaluated by Spring's {@link CronExpression}. Each field is checked here first, so that a
 * mistake is reported with the field it is in and why, in our words rather than the library's:
 * {@code field 'hour' (2nd of 5): 25 is out of range 0-23}.
 */
final class CronSyntax {

    static final int MAX_LENGTH = 200;

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *", "@monthly", "0 0 0 1 * *",
            "@weekly", "0 0 0 * * SUN", "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *",
            "@hourly", "0 0 * * * *");

    private static final String[] ORDINALS = {"1st", "2nd", "3rd", "4th", "5th", "6th"};

    private enum Field {
        SECOND("second", 0, 59, null),
        MINUTE("minute", 0, 59, null),
        HOUR("hour", 0, 23, null),
        DAY_OF_MONTH("day-of-month", 1, 31, null),
        MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                "DEC")),
        // 0 and 7 are both Sunday, as in Vixie cron.
        DAY_OF_WEEK("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

        final String label;
        final int min;
        final int max;
        final @Nullable List<String> names;

        Field(String label, int min, int max, @Nullable List<String> names) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
        }
    }

    private static final List<Field> SIX = List.of(Field.values());
    private static final List<Field> FIVE = SIX.subList(1, 6);

    private CronSyntax() {
    }

    /**
     * @return the expression in Spring's 6-field form
     * @throws IllegalArgumentException saying what is wrong, for the user
     */
    static CronExpression parse(String expression) {
        String trimmed = expression.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        if (trimmed.startsWith("@")) {
            String macro = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
            if (macro == null) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a macro; the macros are @hourly, "
                        + "@daily (or @midnight), @weekly, @monthly and @yearly (or @annually)");
            }
            return CronExpression.parse(macro);
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new IllegalArgumentException("has " + fields.length + " field(s); write 5 (minute hour "
                    + "day-of-month month day-of-week), 6 (second first) or a macro such as @daily");
        }
        List<Field> kinds = fields.length == 5 ? FIVE : SIX;
        for (int i = 0; i < fields.length; i++) {
            String problem = check(kinds.get(i), fields[i]);
            if (problem != null) {
                throw new IllegalArgumentException(where(kinds, i) + problem);
            }
        }
        String six = fields.length == 5 ? "0 " + String.join(" ", fields) : String.join(" ", fields);
        try {
            return CronExpression.parse(six);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(locate(kinds, fields) + "is not valid: " + rootMessage(e));
        }
    }

    private static String where(List<Field> kinds, int index) {
        return "field '" + kinds.get(index).label + "' (" + ORDINALS[index] + " of " + kinds.size() + "): ";
    }

    /** For what only Spring refuses: tries each field alone in an expression that is otherwise valid. */
    private static String locate(List<Field> kinds, String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            String[] probe = {"0", "0", "0", "*", "*", "?"};
            probe[kinds.get(i).ordinal()] = fields[i];
            try {
                CronExpression.parse(String.join(" ", probe));
            } catch (IllegalArgumentException e) {
                return where(kinds, i);
            }
        }
        return "";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** @return what is wrong with the field, or null when it is fine */
    private static @Nullable String check(Field field, String text) {
        for (String part : text.split(",", -1)) {
            String problem = checkPart(field, part);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static @Nullable String checkPart(Field field, String part) {
        if (part.isEmpty()) {
            return "has an empty entry in its list";
        }
        String upper = part.toUpperCase(Locale.ROOT);
        if (field == Field.DAY_OF_MONTH && upper.matches("L|LW|L-\\d+|\\d+W")) {
            return upper.matches("\\d+W") ? value(field, upper.substring(0, upper.length() - 1)) : null;
        }
        if (field == Field.DAY_OF_WEEK && upper.matches("\\w+(L|#\\d+)")) {
            int mark = upper.indexOf('#') >= 0 ? upper.indexOf('#') : upper.length() - 1;
            if (upper.indexOf('#') >= 0 && !upper.substring(mark + 1).matches("[1-5]")) {
                return "'" + part + "': the week of the month after '#' must be 1 to 5";
            }
            return value(field, upper.substring(0, mark));
        }
        String base = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            base = part.substring(0, slash);
            String step = part.substring(slash + 1);
            if (!step.matches("\\d{1,9}")) {
                return "the step '" + step + "' in '" + part + "' is not a number";
            }
            if (Integer.parseInt(step) == 0) {
                return "'" + part + "' has a step of 0";
            }
        }
        if (base.equals("*")) {
            return null;
        }
        if (base.equals("?")) {
            return field == Field.DAY_OF_MONTH || field == Field.DAY_OF_WEEK
                    ? (slash >= 0 ? "'?' cannot have a step" : null)
                    : "'?' is only allowed in day-of-month and day-of-week";
        }
        int dash = base.indexOf('-', 1);
        if (dash < 0) {
            return value(field, base);
        }
        String from = base.substring(0, dash);
        String to = base.substring(dash + 1);
        String problem = value(field, from);
        if (problem == null) {
            problem = value(field, to);
        }
        if (problem == null && number(field, from) > number(field, to)) {
            problem = "the range " + base + " runs backwards";
        }
        return problem;
    }

    private static @Nullable String value(Field field, String text) {
        if (text.matches("\\d{1,9}")) {
            int value = Integer.parseInt(text);
            return value < field.min || value > field.max
                    ? value + " is out of range " + field.min + "-" + field.max : null;
        }
        if (field.names != null && field.names.contains(text.toUpperCase(Locale.ROOT))) {
            return null;
        }
        return field.names == null ? "'" + text + "' is not a number"
                : "'" + text + "' is neither a number (" + field.min + "-" + field.max + ") nor one of "
                + String.join(", ", field.names);
    }

    private static int number(Field field, String text) {
        if (text.matches("\\d+")) {
            return Integer.parseInt(text);
        }
        int index = field.names == null ? -1 : field.names.indexOf(text.toUpperCase(Locale.ROOT));
        return field == Field.MONTH ? index + 1 : index;
    }
}
