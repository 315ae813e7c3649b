package dev.starkbot.usage;

import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.TokenUsage;

/** The usage module's front door. */
public interface UsageService {

    /**
     * Refuses when the user's daily or monthly budget is spent. Checked before a turn starts: a turn that began
     * within budget finishes, so a reply is never cut off for money mid-sentence.
     *
     * @throws BudgetExhaustedException when spent
     */
    void checkBudget(String userId);

    /** Adds one model call to the user's totals; @return its estimated cost in millionths of a dollar */
    long record(String userId, ModelRef model, TokenUsage usage);

    /** The estimated cost of some tokens of a model, in millionths of a dollar. */
    long cost(ModelRef model, TokenUsage usage);
}
