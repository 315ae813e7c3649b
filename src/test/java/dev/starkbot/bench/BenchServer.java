package dev.starkbot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * StarkBot as users run it: the packaged jar ({@code target/starkbot.jar}) in a process of its own, so that its
 * start-up time, resident memory and heap are its own and not the harness's. Stopped with SIGTERM, as an operator
 * stops it.
 */
public final class BenchServer implements AutoCloseable {

    /** The first admin every benchmark server is created with. */
    public static final String ADMIN = "owner";
    public static final String ADMIN_PASSWORD = "the benchmark owner's password";
    /** Bearer token of {@code /metrics}, for looking into a run. */
    private static final String METRICS_TOKEN = "bench-metrics-token-0123456789";
    /** The last line of {@code jcmd GC.class_histogram}: "Total <instances> <bytes>". */
    private static final Pattern LIVE_BYTES = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final long startupNanos;

    private BenchServer(Process process, Path log, int port, long startupNanos) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.startupNanos = startupNanos;
    }

    /**
     * Starts StarkBot and waits until {@code /health} answers 200, which is when start-up is over.
     *
     * @param jvmOptions options before {@code -jar}, such as {@code -XX:AOTCache=...}
     * @param args       StarkBot's own properties, such as {@code --starkbot.database.url=...}
     */
    public static BenchServer start(Path jar, Path dataDir, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("starkbot.log");
        List<String> command = new ArrayList<>(List.of(Java.executable(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        // For profiling a run: -Dbench.server-options="-XX:StartFlightRecording=filename=x.jfr" and the like.
        String extra = System.getProperty("bench.server-options", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--starkbot.data-dir=" + dataDir,
                "--starkbot.admin.username=" + ADMIN, "--starkbot.admin.password=" + ADMIN_PASSWORD,
                "--starkbot.metrics.token=" + METRICS_TOKEN, "--logging.level.root=WARN"));
        command.addAll(args);
        // For trying settings out: -Dbench.server-args="--starkbot.database.pool-size=30" and the like.
        String extraArgs = System.getProperty("bench.server-args", "").trim();
        if (!extraArgs.isEmpty()) {
            command.addAll(List.of(extraArgs.split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("STARKBOT_"));
        long start = System.nanoTime();
        Process process = builder.start();
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("StarkBot exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(120)) {
                process.destroyForcibly();
                throw new IllegalStateException("StarkBot was not healthy after 120 s:\n" + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new BenchServer(process, log, port, System.nanoTime() - start);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** From the process's start to the first healthy answer of {@code /health}. */
    public double startupSeconds() {
        return startupNanos / 1e9;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Resident set size from {@code /proc}: what the process holds in RAM, heap and everything else. */
    public double residentMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + process.pid() + "/status");
    }

    /**
     * CPU time the process has used so far (user and system, all threads), from {@code /proc}: divided by the work
     * done, it says what the work costs whatever else the machine is running.
     */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        // the command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0;
    }

    /** Live heap: what a full garbage collection leaves ({@code jcmd GC.class_histogram} collects first). */
    public double heapAfterGcMb() throws IOException, InterruptedException {
        // One command that collects and then counts what survived: a separate GC.run and read would also count
        // what a busy StarkBot allocated in between (tens of MB under load).
        Matcher total = LIVE_BYTES.matcher(jcmd("GC.class_histogram"));
        if (!total.find()) {
            throw new IllegalStateException("no total in jcmd GC.class_histogram");
        }
        return Long.parseLong(total.group(1)) / (1024.0 * 1024);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Java.tool("jcmd"), Long.toString(process.pid()), command)
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A JSON request with an optional bearer token; fails unless the answer is 2xx. */
    public JsonNode call(String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** Signs in and returns the session token. */
    public String login(String username, String password) throws IOException, InterruptedException {
        return call("POST", "/api/auth/login", null,
                java.util.Map.of("username", username, "password", password)).path("token").asString();
    }

    /** Creates a user (as the admin whose token is given) and signs them in: their session token. */
    public String newUser(String adminToken, String username) throws IOException, InterruptedException {
        String password = "a long password for " + username;
        call("POST", "/api/admin/users", adminToken,
                java.util.Map.of("username", username, "password", password, "role", "user"));
        return login(username, password);
    }

    /** Stops StarkBot as an operator does (SIGTERM), killing it only if it has not exited after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
