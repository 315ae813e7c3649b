package dev.starkbot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every benchmark of {@code bench/README.md}, run by {@code bash bench/run}: the floors first, then each section
 * in turn (one StarkBot at a time, so that they do not share the machine), a table of every figure on standard
 * output and the same figures in {@code bench/results.json}. Progress goes to standard error as it happens.
 *
 * <p>Arguments: {@code --only=turns,jobs} runs some sections; {@code --quick} runs a tenth of the rounds to try the
 * harness out (its figures are rough); {@code --list} names the sections.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    static List<Section> sections() {
        return List.of(new StartupSection(), new TurnsSection(), new FanOutSection(), new ContextSection(),
                new PlatformSection(), new JobsSection());
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>();
        boolean quick = false;
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                only.addAll(Arrays.asList(arg.substring("--only=".length()).split(",")));
            } else if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--list")) {
                sections().forEach(section -> System.out.println(section.name() + ": " + section.description()));
                return;
            } else {
                System.err.println("unknown argument " + arg + "; expected --only=a,b, --quick or --list");
                System.exit(2);
            }
        }
        List<Section> chosen = new ArrayList<>(sections().stream()
                .filter(section -> only.isEmpty() || only.contains(section.name())).toList());
        boolean some = !only.isEmpty();
        only.removeAll(sections().stream().map(Section::name).toList());
        if (!only.isEmpty()) {
            System.err.println("no such section(s) " + only + "; --list names them");
            System.exit(2);
        }
        Path root = Path.of("").toAbsolutePath();
        Path jar = root.resolve("target/starkbot.jar");
        if (!Files.exists(jar)) {
            System.err.println("no " + jar + ": build it first (bench/run does)");
            System.exit(2);
        }
        Path scratch = Files.createDirectories(root.resolve("target/bench"));
        Report report = new Report(System.err);
        System.err.println("[bench] measuring the floors (raw SQLite commit, loopback HTTP, WebSocket echo)...");
        Floors floors = Floors.measure(scratch);
        floors.report(report);
        Postgres postgres = Postgres.fromEnvironment();
        BenchContext context = new BenchContext(report, floors, jar, scratch, quick, postgres);
        long start = System.nanoTime();
        try {
            for (Section section : chosen) {
                context.progress("== " + section.name() + ": " + section.description());
                long sectionStart = System.nanoTime();
                try {
                    section.run(context);
                } catch (Exception | AssertionError e) {
                    report.note(section.name() + " failed: " + e);
                    e.printStackTrace();
                }
                context.progress(String.format(java.util.Locale.ROOT, "== %s took %.0f s", section.name(),
                        (System.nanoTime() - sectionStart) / 1e9));
            }
        } finally {
            if (postgres.unavailable() == null) {
                postgres.dropBenchDatabases();
            }
        }
        System.out.println();
        report.printTable(System.out);
        Path results = root.resolve("bench/results.json");
        report.writeJson(results, Report.Machine.current(commit()),
                chosen.stream().map(Section::name).collect(java.util.stream.Collectors.toSet()), some);
        System.err.printf(java.util.Locale.ROOT, "[bench] done in %.0f s; figures written to %s%n",
                (System.nanoTime() - start) / 1e9, root.relativize(results));
        boolean missed = report.figures().stream().anyMatch(figure -> Boolean.FALSE.equals(figure.met()));
        if (missed) {
            System.err.println("[bench] some targets were missed: see the table");
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
