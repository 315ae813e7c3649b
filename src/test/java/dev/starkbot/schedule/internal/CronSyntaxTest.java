package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0 25 * * *          | field 'hour' (2nd of 5): 25 is out of range 0-23",
            "0 0 25 * * *        | field 'hour' (3rd of 6): 25 is out of range 0-23",
            "61 * * * *          | field 'minute' (1st of 5): 61 is out of range 0-59",
            "* * 0 * *           | field 'day-of-month' (3rd of 5): 0 is out of range 1-31",
            "* * * 13 *          | field 'month' (4th of 5): 13 is out of range 1-12",
            "* * * * 8           | field 'day-of-week' (5th of 5): 8 is out of range 0-7",
            "* * * * MON-XYZ     | field 'day-of-week' (5th of 5): 'XYZ' is neither a number (0-7) nor one of SUN, "
                    + "MON, TUE, WED, THU, FRI, SAT",
            "*/0 * * * *         | field 'minute' (1st of 5): '*/0' has a step of 0",
            "5-2 * * * *         | field 'minute' (1st of 5): the range 5-2 runs backwards",
            "1,,2 * * * *        | field 'minute' (1st of 5): has an empty entry in its list",
            "? * * * *           | field 'minute' (1st of 5): '?' is only allowed in day-of-month and day-of-week",
            "a * * * *           | field 'minute' (1st of 5): 'a' is not a number",
            "*/x * * * *         | field 'minute' (1st of 5): the step 'x' in '*/x' is not a number",
            "* * * * MON#6       | field 'day-of-week' (5th of 5): 'MON#6': the week of the month after '#' must be "
                    + "1 to 5",
            "* * * *             | has 4 field(s); write 5 (minute hour day-of-month month day-of-week), 6 (second "
                    + "first) or a macro such as @daily",
            "@hourlyx            | '@hourlyx' is not a macro; the macros are @hourly, @daily (or @midnight), "
                    + "@weekly, @monthly and @yearly (or @annually)"})
    void saysWhichFieldFailsAndWhy(String expression, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> CronSyntax.parse(expression)).withMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "30 2 * * *           | 2027-01-01T02:30",
            "0 30 2 * * *         | 2027-01-01T02:30",
            "*/15 9-17 * * MON-FRI| 2027-01-01T09:00",
            "0 0 1 JAN,jul *      | 2027-07-01T00:00",
            "0 9 * * 7            | 2027-01-03T09:00",
            "0 9 * * 0            | 2027-01-03T09:00",
            "0 0 L * *            | 2027-01-31T00:00",
            "0 0 ? * MON#2        | 2027-01-11T00:00",
            "@hourly              | 2027-01-01T01:00",
            "@daily               | 2027-01-02T00:00",
            "@weekly              | 2027-01-03T00:00",
            "@monthly             | 2027-02-01T00:00"})
    void acceptsFiveAndSixFieldsAndMacros(String expression, LocalDateTime next) {
        assertThat(CronSyntax.parse(expression).next(LocalDateTime.parse("2027-01-01T00:00:30"))).isEqualTo(next);
    }
}
