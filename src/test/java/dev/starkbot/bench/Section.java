package dev.starkbot.bench;

/** One benchmark of the run: measures and adds its figures to the report. */
public interface Section {

    /** Its name on the command line ({@code --only=turns,jobs}) and in the report. */
    String name();

    /** What it measures, for the progress output. */
    String description();

    void run(BenchContext context) throws Exception;
}
