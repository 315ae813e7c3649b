package dev.starkbot.bench;

/** Start-up time to a healthy /health (plain, CDS archive, AOT cache) and resident memory idle. */
final class StartupSection implements Section {

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String description() {
        return "start-up time to a healthy /health (plain, CDS archive, AOT cache) and resident memory idle";
    }

    @Override
    public void run(BenchContext context) {
        context.report().note("startup: not measured yet");
    }
}
