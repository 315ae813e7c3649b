package dev.starkbot.bench;

/** Events per second to 1,000 WebSocket clients, memory with 1,000 idle connections. */
final class FanOutSection implements Section {

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String description() {
        return "events per second to 1,000 WebSocket clients, memory with 1,000 idle connections";
    }

    @Override
    public void run(BenchContext context) {
        context.report().note("fanout: not measured yet");
    }
}
