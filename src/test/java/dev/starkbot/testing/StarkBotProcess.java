package dev.starkbot.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * StarkBot as a real process (the test class path's {@code dev.starkbot.SlowRequestApplication}, which is StarkBot
 * plus test endpoints), for what only a real process shows: signals, a SIGKILL, its own log.
 */
public final class StarkBotProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private StarkBotProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param jvmOptions extra JVM options, such as system properties
     * @param env        extra environment variables
     * @param args       extra arguments, such as the database's properties
     */
    public static StarkBotProcess start(Path log, List<String> jvmOptions, Map<String, String> env,
                                        List<String> args) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, "dev.starkbot.SlowRequestApplication", "--server.port=" + port));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("STARKBOT_DATABASE_URL");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        return new StarkBotProcess(builder.start(), log, port);
    }

    public Process process() {
        return process;
    }

    public Http http() {
        return new Http(port);
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public void awaitHealthy(Duration timeout) throws InterruptedException {
        Http http = http();
        await("/health answering", timeout, () -> {
            try {
                return http.get("/health").statusCode() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
    }

    /** Fails with the process's log when it exits first or the time runs out. */
    public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Await.until(what, timeout, () -> {
            if (!process.isAlive() && !condition.getAsBoolean()) {
                fail("StarkBot exited with " + process.exitValue() + " while waiting for " + what + ":\n" + log());
            }
            return condition.getAsBoolean();
        }, this::log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
