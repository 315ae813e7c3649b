package dev.starkbot.bench;

/** Context assembly for conversations of 100, 10,000 and 100,000 messages. */
final class ContextSection implements Section {

    @Override
    public String name() {
        return "context";
    }

    @Override
    public String description() {
        return "context assembly for conversations of 100, 10,000 and 100,000 messages";
    }

    @Override
    public void run(BenchContext context) {
        context.report().note("context: not measured yet");
    }
}
