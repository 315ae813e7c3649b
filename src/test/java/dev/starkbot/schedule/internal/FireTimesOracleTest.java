package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import dev.starkbot.schedule.Trigger;

/**
 * Our fire times against cron-utils', an independent implementation, for expressions by zones, starting before
 * each daylight-saving change of 2026 and 2027 (and at fixed dates in zones without any).
 *
 * <p>cron-utils (Spring's dialect, like ours) keeps the same wall-clock times, but places some of them on the
 * time line differently, by choices our policy makes otherwise; only those instants are left out of the
 * comparison, and each one left out is checked to be such a case:
 * <ul>
 * <li>a wall-clock time skipped by a spring-forward change: cron-utils does not fire it, we fire it at the first
 * instant after the gap, so we may have an extra fire exactly at a gap's end;</li>
 * <li>a wall-clock time repeated by a fall-back change: cron-utils sometimes fires it in both passes (hourly
 * expressions do), we only in the first, so cron-utils may have extra fires in a repeated hour's second pass.</li>
 * </ul>
 */
class FireTimesOracleTest {

    private static final CronParser ORACLE = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(
            CronType.SPRING53));

    private static final List<String> ZONES = List.of("Europe/London", "America/New_York", "Australia/Lord_Howe",
            "Asia/Kolkata", "UTC");

    /** Each expression with how far before a change to start and how many fire times to compare. */
    private record Case(String expression, Duration before, int count) {
    }

    private static final List<Case> CASES = List.of(
            new Case("*/15 * * * *", Duration.ofHours(6), 60),
            new Case("*/10 * * * * *", Duration.ofMinutes(30), 400),
            new Case("0 * * * *", Duration.ofDays(1), 60),
            new Case("30 * * * *", Duration.ofDays(1), 60),
            new Case("15,45 0-3 * * *", Duration.ofDays(2), 40),
            new Case("0 0/30 1-3 * * *", Duration.ofDays(2), 40),
            new Case("30 2 * * *", Duration.ofDays(10), 30),
            new Case("30 1 * * *", Duration.ofDays(10), 30),
            new Case("0 2 * * *", Duration.ofDays(10), 30),
            new Case("0 9 * * MON-FRI", Duration.ofDays(10), 30),
            new Case("0 30 2 * * SUN", Duration.ofDays(30), 12),
            new Case("0 0 1 * *", Duration.ofDays(60), 6),
            new Case("@hourly", Duration.ofDays(1), 60),
            new Case("@daily", Duration.ofDays(10), 30),
            new Case("@weekly", Duration.ofDays(30), 12),
            new Case("@monthly", Duration.ofDays(60), 6));

    /** cron-utils' Spring dialect has no macros: the same schedules written out. */
    private static final Map<String, String> MACROS = Map.of("@hourly", "0 0 * * * *", "@daily", "0 0 0 * * *",
            "@weekly", "0 0 0 * * SUN", "@monthly", "0 0 0 1 * *");

    private int oursOnlyLeftOut;
    private int oracleOnlyLeftOut;

    @Test
    void fireTimesMatchAnIndependentCronImplementation() {
        int compared = 0;
        for (String zoneName : ZONES) {
            ZoneId zone = ZoneId.of(zoneName);
            for (Case c : CASES) {
                for (Instant change : changes(zone)) {
                    compared += compare(c, zone, change.minus(c.before()));
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        // The cases do reach the instants where the policies differ.
        assertThat(oursOnlyLeftOut).isPositive();
        assertThat(oracleOnlyLeftOut).isPositive();
    }

    private int compare(Case c, ZoneId zone, Instant start) {
        List<Instant> ours = FireTimes.upcoming(FireTimes.of(new Trigger.Cron(c.expression(), zone)), start,
                c.count());
        List<Instant> oracle = oracle(c.expression(), zone, start, c.count());
        Instant end = ours.getLast().isBefore(oracle.getLast()) ? ours.getLast() : oracle.getLast();
        Set<Instant> oursOnly = new LinkedHashSet<>(upTo(ours, end));
        oursOnly.removeAll(oracle);
        Set<Instant> oracleOnly = new LinkedHashSet<>(upTo(oracle, end));
        oracleOnly.removeAll(ours);
        String what = c.expression() + " in " + zone + " from " + start;
        assertThat(oursOnly).as("fires only we have, for " + what).allMatch(at -> endsAGap(zone, at));
        assertThat(oracleOnly).as("fires only the oracle has, for " + what).allMatch(at -> secondPass(zone, at));
        oursOnlyLeftOut += oursOnly.size();
        oracleOnlyLeftOut += oracleOnly.size();
        List<Instant> common = new ArrayList<>(upTo(ours, end));
        common.removeAll(oursOnly);
        List<Instant> theirs = new ArrayList<>(upTo(oracle, end));
        theirs.removeAll(oracleOnly);
        // Extra fires in a repeated hour end the oracle's list early: at least a quarter remains to compare.
        assertThat(common).as(what).isEqualTo(theirs).hasSizeGreaterThan(c.count() / 4);
        return common.size();
    }

    private static List<Instant> oracle(String expression, ZoneId zone, Instant start, int count) {
        String spring = MACROS.getOrDefault(expression, expression.split(" ").length == 5
                ? "0 " + expression : expression);
        ExecutionTime times = ExecutionTime.forCron(ORACLE.parse(spring));
        List<Instant> fires = new ArrayList<>();
        ZonedDateTime at = start.atZone(zone);
        while (fires.size() < count) {
            Optional<ZonedDateTime> next = times.nextExecution(at);
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
            fires.add(at.toInstant());
        }
        return fires;
    }

    private static List<Instant> upTo(List<Instant> fires, Instant end) {
        return fires.stream().filter(at -> !at.isAfter(end)).toList();
    }

    /** The daylight-saving changes of 2026 and 2027, or fixed dates in a zone that has none. */
    private static List<Instant> changes(ZoneId zone) {
        List<Instant> changes = new ArrayList<>();
        ZoneOffsetTransition next = zone.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
        while (next != null && next.getInstant().isBefore(Instant.parse("2028-01-01T00:00:00Z"))) {
            changes.add(next.getInstant());
            next = zone.getRules().nextTransition(next.getInstant());
        }
        return changes.isEmpty() ? List.of(Instant.parse("2026-03-29T01:00:00Z"),
                Instant.parse("2027-11-07T06:00:00Z")) : changes;
    }

    private static boolean endsAGap(ZoneId zone, Instant at) {
        ZoneOffsetTransition transition = zone.getRules().previousTransition(at.plusNanos(1));
        return transition != null && transition.isGap() && transition.getInstant().equals(at);
    }

    private static boolean secondPass(ZoneId zone, Instant at) {
        ZoneRules rules = zone.getRules();
        ZoneOffsetTransition transition = rules.previousTransition(at.plusNanos(1));
        return transition != null && transition.isOverlap() && !at.isBefore(transition.getInstant())
                && at.isBefore(transition.getInstant().plus(transition.getDuration().abs()));
    }
}
