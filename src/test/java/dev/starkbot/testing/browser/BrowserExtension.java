package dev.starkbot.testing.browser;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What {@link BrowserTest} adds to a test class: skips it when Chromium is not installed, launches the JVM's one
 * {@link Chromium} before its first test, gives each test (and its {@code @BeforeEach} methods) one
 * {@link BrowserSession}, and at the end of each test fails it on the problems its pages reported, then closes
 * its contexts.
 */
final class BrowserExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver,
        AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            BrowserExtension.class);

    /**
     * A condition rather than an assumption in {@code beforeAll}: JUnit evaluates it before any extension runs, so
     * a class without a browser does not start Spring, and surefire reports each test skipped with this reason
     * (an aborted class would show as no tests at all).
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Chromium.installed() ? ConditionEvaluationResult.enabled("Chromium is at " + Chromium.EXECUTABLE)
                : ConditionEvaluationResult.disabled("Browser test skipped: no Chromium at " + Chromium.EXECUTABLE
                        + " (install it with: apt-get install chromium; .ci/run does)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Launched here rather than in the first test, so that the launch is not counted in that test's time.
        chromium(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BrowserSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The store of the test method's context, so that its @BeforeEach methods and itself share one session,
        // which JUnit closes when the test ends.
        return context.getStore(NAMESPACE).computeIfAbsent(BrowserSession.class,
                key -> new BrowserSession(chromium(context).browser()), BrowserSession.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BrowserSession session = context.getStore(NAMESPACE).get(BrowserSession.class, BrowserSession.class);
        if (session == null) {
            return;
        }
        if (context.getExecutionException().isPresent()) {
            session.screenshotOpenPages(context.getRequiredTestClass().getSimpleName() + "."
                    + context.getRequiredTestMethod().getName() + "-failed");
        }
        session.verify();
    }

    private static Chromium chromium(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Chromium.class, key -> Chromium.launch(),
                Chromium.class);
    }
}
