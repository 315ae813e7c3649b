/**
 * Fake outside services on loopback that speak the real wire protocol, so that tests exercise the real client
 * libraries, faults included: {@link dev.starkbot.testing.fake.FakeAnthropicServer} (Messages API),
 * {@link dev.starkbot.testing.fake.FakeOpenAiServer} (chat completions) and
 * {@link dev.starkbot.testing.fake.FakeTelegramServer} (Bot API), all on
 * {@link dev.starkbot.testing.fake.LoopbackHttpServer}, a bare HTTP/1.1 server that later fakes (Discord REST) can
 * reuse for the faults an ordinary server cannot produce: cut streams, silent connections, short bodies.
 *
 * <p>A test scripts replies with {@code enqueue(...)}, points the SDK at {@code baseUrl()}, then inspects
 * {@code requests()}. How each SDK surfaces each fault (exception types, retries, timeouts) is pinned down by
 * {@code AnthropicSdkFaultsIntegrationTest} and {@code OpenAiSdkFaultsIntegrationTest}, and how
 * java-telegram-bot-api does by {@code TelegramClientFaultsIntegrationTest}: read those before writing a provider's
 * or an adapter's error handling, and let them fail first when a library upgrade changes behaviour. The Telegram fake
 * is stateful rather than scripted: a test acts as users ({@code userSends}) and inspects the bot's messages.
 */
package dev.starkbot.testing.fake;
