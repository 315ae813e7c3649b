package dev.starkbot.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The JDK the harness runs on (JDK 25, chosen by {@code bench/run}), whose {@code java} and tools start StarkBot. */
final class Java {

    private Java() {
    }

    static String executable() {
        return ProcessHandle.current().info().command().orElse(tool("java"));
    }

    static String tool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }
}
