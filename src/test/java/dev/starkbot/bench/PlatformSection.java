package dev.starkbot.bench;

/** A message on the fake Telegram to its reply on the fake Telegram. */
final class PlatformSection implements Section {

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public String description() {
        return "a message on the fake Telegram to its reply on the fake Telegram";
    }

    @Override
    public void run(BenchContext context) {
        context.report().note("platform: not measured yet");
    }
}
