package dev.starkbot.bench;

/** Chat turns over the WebSocket: added latency, time to first token, turns per second on SQLite and PostgreSQL, memory over 10,000 turns. */
final class TurnsSection implements Section {

    @Override
    public String name() {
        return "turns";
    }

    @Override
    public String description() {
        return "chat turns over the WebSocket: added latency, time to first token, turns per second on SQLite and PostgreSQL, memory over 10,000 turns";
    }

    @Override
    public void run(BenchContext context) {
        context.report().note("turns: not measured yet");
    }
}
