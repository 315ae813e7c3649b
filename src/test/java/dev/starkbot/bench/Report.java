package dev.starkbot.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.sun.management.OperatingSystemMXBean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of one run: each printed to the progress stream as it is measured (so a long run is never silent),
 * then all of them as one table on standard output and as JSON in {@code bench/results.json}.
 */
public final class Report {

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final PrintStream progress;

    public Report(PrintStream progress) {
        this.progress = progress;
    }

    public synchronized void add(Figure figure) {
        figures.add(figure);
        progress.printf(Locale.ROOT, "[bench]   %s: %s %s%s%n", figure.name(), number(figure.value()), figure.unit(),
                figure.met() == null ? "" : figure.met() ? " (target met)" : " (target MISSED: " + figure.target()
                        + ")");
    }

    /** A remark that belongs with the figures, such as a section that could not run. */
    public synchronized void note(String note) {
        notes.add(note);
        progress.println("[bench]   note: " + note);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    public synchronized void printTable(PrintStream out) {
        String format = "%-10s %-62s %12s %-4s %12s %-30s %8s %-14s %s%n";
        out.printf(Locale.ROOT, format, "section", "figure", "value", "", "floor", "(floor is)", "x floor", "target",
                "met");
        for (Figure figure : figures) {
            out.printf(Locale.ROOT, format, figure.section(), figure.name(), number(figure.value()), figure.unit(),
                    figure.floor() == null ? "" : number(figure.floor()),
                    figure.floorName() == null ? "" : figure.floorName(),
                    figure.ratio() == null ? "" : String.format(Locale.ROOT, "%.1f", figure.ratio()),
                    figure.target() == null ? "" : figure.target(),
                    figure.met() == null ? "" : figure.met() ? "yes" : "NO");
        }
        for (String note : notes) {
            out.println("note: " + note);
        }
    }

    /**
     * Writes the figures as JSON. A run of some sections only ({@code --only}) keeps the other sections' figures of
     * the file's earlier run, each marked with when it was measured, so that the file always holds every section.
     */
    public synchronized void writeJson(Path file, Machine machine, Set<String> ran, boolean some)
            throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode root = json.createObjectNode();
        root.put("measuredAt", Instant.now().toString());
        root.set("machine", json.valueToTree(machine));
        ArrayNode rows = root.putArray("figures");
        for (Figure figure : figures) {
            ObjectNode row = rows.addObject().put("section", figure.section()).put("name", figure.name())
                    .put("value", round(figure.value())).put("unit", figure.unit());
            if (figure.floor() != null) {
                row.put("floor", round(figure.floor())).put("floorName", figure.floorName())
                        .put("ratioToFloor", round(figure.ratio() == null ? 0 : figure.ratio()));
            }
            if (figure.target() != null) {
                row.put("target", figure.target()).put("met", figure.met());
            }
        }
        ArrayNode noteRows = root.putArray("notes");
        notes.forEach(noteRows::add);
        if (some && Files.exists(file)) {
            JsonNode earlier = json.readTree(Files.readString(file));
            String when = earlier.path("measuredAt").asString("");
            for (JsonNode figure : earlier.path("figures")) {
                String section = figure.path("section").asString("");
                if (!section.equals("floor") && !ran.contains(section)) {
                    ObjectNode kept = ((ObjectNode) figure).deepCopy();
                    if (!kept.has("measuredAt")) {
                        kept.put("measuredAt", when);
                    }
                    rows.add(kept);
                }
            }
            for (JsonNode note : earlier.path("notes")) {
                if (ran.stream().noneMatch(section -> note.asString("").startsWith(section))) {
                    noteRows.add(note);
                }
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** Three significant digits at most, and never an exponent. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }

    private static double round(double value) {
        return Double.parseDouble(number(value));
    }

    /** What the figures were measured on, since they only mean something beside it. */
    public record Machine(int cores, long memoryMb, String java, String os, String commit) {

        public static Machine current(String commit) {
            long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize() / (1024 * 1024);
            return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                    System.getProperty("java.vm.name") + " " + Runtime.version(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"), commit);
        }
    }
}
