package dev.starkbot.bench;

/**
 * One measured figure, printed beside the floor it is read against (measured in the same run) and the target it is
 * held to, when it has them.
 *
 * @param section   which benchmark, such as {@code turns}
 * @param name      what was measured, in words
 * @param value     the figure
 * @param unit      its unit: {@code ms}, {@code µs}, {@code MB}, {@code /s}, {@code s}, ...
 * @param floor     the machine's own figure for the nearest raw operation, in the same unit, or null
 * @param floorName what that floor is, or null
 * @param target    the target in words, such as {@code ≤ 5 ms}, or null
 * @param met       whether the target was met, or null without a target
 */
public record Figure(String section, String name, double value, String unit, Double floor, String floorName,
                     String target, Boolean met) {

    public static Figure of(String section, String name, double value, String unit) {
        return new Figure(section, name, value, unit, null, null, null, null);
    }

    public Figure against(String floorName, double floor) {
        return new Figure(section, name, value, unit, floor, floorName, target, met);
    }

    /** A target the figure must not exceed. */
    public Figure atMost(double limit) {
        return new Figure(section, name, value, unit, floor, floorName, "≤ " + Report.number(limit) + " " + unit,
                value <= limit);
    }

    /** A target the figure must reach. */
    public Figure atLeast(double minimum) {
        return new Figure(section, name, value, unit, floor, floorName, "≥ " + Report.number(minimum) + " " + unit,
                value >= minimum);
    }

    /** A target stated in words, judged by the caller. */
    public Figure target(String words, boolean reached) {
        return new Figure(section, name, value, unit, floor, floorName, words, reached);
    }

    /** The figure as a multiple of its floor, or null without one. */
    public Double ratio() {
        return floor == null || floor == 0 ? null : value / floor;
    }
}
