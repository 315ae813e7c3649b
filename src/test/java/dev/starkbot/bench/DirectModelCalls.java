package dev.starkbot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.starkbot.testing.fake.FakeAnthropicServer;

/**
 * The same fake Claude called directly, with no StarkBot in between: a streamed Messages request read to its end,
 * over https as StarkBot's are, with the same concurrency as the turns it is compared with. What StarkBot adds is a
 * turn's time less this.
 */
final class DirectModelCalls {

    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"stream\":true,"
            + "\"system\":\"You are StarkBot, a personal assistant.\",\"messages\":[{\"role\":\"user\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"question 1: what is on my list for today?\"}]}]}";

    private DirectModelCalls() {
    }

    static ChatLoad.Timings run(FakeAnthropicServer claude, BenchTls tls, int concurrency, int callsEach)
            throws Exception {
        return run(claude, tls, concurrency, callsEach, ChatLoad.Pacing.NONE);
    }

    static ChatLoad.Timings run(FakeAnthropicServer claude, BenchTls tls, int concurrency, int callsEach,
                                ChatLoad.Pacing pacing) throws Exception {
        long[] totals = new long[concurrency * callsEach];
        long[] firstTokens = new long[concurrency * callsEach];
        HttpRequest request = HttpRequest.newBuilder(URI.create(claude.baseUrl() + "/v1/messages"))
                .header("x-api-key", claude.apiKey()).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        long start = System.nanoTime();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls.client())
                .build();
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                int offset = c * callsEach;
                running.add(pool.submit(() -> {
                    Thread.sleep(pacing.firstPause());
                    for (int i = 0; i < callsEach; i++) {
                        if (i > 0) {
                            Thread.sleep(pacing.pause());
                        }
                        long callStart = System.nanoTime();
                        long firstToken = 0;
                        HttpResponse<Stream<String>> response = http.send(request,
                                HttpResponse.BodyHandlers.ofLines());
                        try (Stream<String> lines = response.body()) {
                            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                                String line = it.next();
                                if (firstToken == 0 && line.contains("text_delta")) {
                                    firstToken = System.nanoTime();
                                }
                            }
                        }
                        totals[offset + i] = System.nanoTime() - callStart;
                        firstTokens[offset + i] = firstToken - callStart;
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        return new ChatLoad.Timings(Samples.of(totals), Samples.of(firstTokens), (System.nanoTime() - start) / 1e9);
    }
}
