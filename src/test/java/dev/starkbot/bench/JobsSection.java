package dev.starkbot.bench;

/** Jobs enqueue-to-start and per second, schedule firing lateness with 10,000 schedules. */
final class JobsSection implements Section {

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public String description() {
        return "jobs enqueue-to-start and per second, schedule firing lateness with 10,000 schedules";
    }

    @Override
    public void run(BenchContext context) {
        context.report().note("jobs: not measured yet");
    }
}
