package io.openfraud.platform;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Raises the log threshold of the stores' categories to WARNING for this module's tests: the brokers log thousands
 * of INFO lines that hide failures. SLF4J goes to JBoss LogManager here (through quarkus-junit's dependencies); a
 * {@code logging.properties} does not apply because Quarkus' bootstrap configurator takes precedence, and it resets
 * the root level, so the categories are named one by one.
 */
public class QuietInfraLogging implements TestExecutionListener {

    private static final String[] CHATTY = {"kafka", "org.apache.kafka", "state.change.logger", "io.zonky",
        "de.bwaldvogel", "org.mongodb", "redis.embedded"};

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        for (String category : CHATTY) {
            LogContext.getLogContext().getLogger(category).setLevel(Level.WARNING);
        }
    }
}
