package dev.starkbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The extracted form of StarkBot's jar and the JVM archives trained on it, made as Spring Boot documents them
 * ("Class Data Sharing" and "AOT Cache" in its packaging reference): {@code java -Djarmode=tools -jar starkbot.jar
 * extract}, then one training start that exits once the context has refreshed ({@code -Dspring.context.exit=
 * onRefresh}). Both archives need the extracted form: the JVM only archives classes loaded from plain jars on the
 * class path, never from the jars nested in {@code target/starkbot.jar}.
 *
 * @param jar the extracted {@code starkbot.jar}, whose manifest puts {@code lib/*.jar} on the class path
 */
record StartupArchives(Path jar) {

    /** Extracts {@code jar} into {@code directory} (emptied first, so that a rebuilt jar never mixes with an old). */
    static StartupArchives extract(Path jar, Path directory) throws IOException, InterruptedException {
        deleteTree(directory);
        run(List.of(Java.executable(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
                directory.toString()), directory.resolveSibling(directory.getFileName() + "-extract.log"));
        Path extracted = directory.resolve(jar.getFileName());
        if (!Files.exists(extracted)) {
            throw new IllegalStateException("extracting " + jar + " made no " + extracted);
        }
        return new StartupArchives(extracted);
    }

    /**
     * A CDS archive of the classes loaded by a training start ({@code -XX:ArchiveClassesAtExit}): the pre-AOT way,
     * and what JDK 21 users have.
     */
    Path trainCds(Path archive, Path dataDir, List<String> jvmOptions) throws IOException, InterruptedException {
        return train(archive, dataDir, jvmOptions, "-XX:ArchiveClassesAtExit=" + archive);
    }

    /**
     * A JDK 25 AOT cache ({@code -XX:AOTCacheOutput}, JEP 514's one-step training): classes loaded and linked
     * ahead of time plus the method profiles of JEP 515. The JVM records, then forks a second JVM that assembles
     * the cache, which is why the training takes about twice a start.
     */
    Path trainAot(Path cache, Path dataDir, List<String> jvmOptions) throws IOException, InterruptedException {
        return train(cache, dataDir, jvmOptions, "-XX:AOTCacheOutput=" + cache);
    }

    /**
     * An AOT cache trained on a whole start instead: the web server started, {@code /health} answered, then stopped
     * with SIGTERM as an operator stops it; the JVM writes the cache as it exits. It holds what the start-up after
     * the context's refresh loads too (Tomcat's start, the first request, the scheduler, the platforms' checks).
     */
    Path trainAotOnWholeStart(Path cache, Path dataDir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Files.deleteIfExists(cache);
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:AOTCacheOutput=" + cache);
        try (BenchServer server = BenchServer.start(jar, dataDir, options, List.of())) {
            for (int i = 0; i < 20; i++) {
                server.call("GET", "/health", null, null);
            }
            // Not server.close(): it kills after 30 s, and writing the cache at exit can take longer on busy cores.
            ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
            process.destroy();
            process.onExit().get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the training start did not exit in 10 minutes", e);
        }
        if (!Files.exists(cache)) {
            throw new IllegalStateException("training made no " + cache + ":\n"
                    + Files.readString(dataDir.resolve("starkbot.log")));
        }
        return cache;
    }

    private Path train(Path archive, Path dataDir, List<String> jvmOptions, String archiveOption)
            throws IOException, InterruptedException {
        Files.deleteIfExists(archive);
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(Java.executable(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        // The training start is StarkBot's ordinary start on a fresh data directory, so that it loads what every
        // start loads (migrations, key files, the first admin), minus the web server's start.
        command.addAll(List.of(archiveOption, "-Dspring.context.exit=onRefresh", "-jar", jar.toString(),
                "--server.port=0", "--starkbot.data-dir=" + dataDir, "--starkbot.admin.username=" + BenchServer.ADMIN,
                "--starkbot.admin.password=" + BenchServer.ADMIN_PASSWORD, "--logging.level.root=WARN"));
        run(command, dataDir.resolve("training.log"));
        if (!Files.exists(archive)) {
            throw new IllegalStateException("training made no " + archive + ":\n"
                    + Files.readString(dataDir.resolve("training.log")));
        }
        return archive;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STARKBOT_"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 10 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n"
                    + Files.readString(log));
        }
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
