package io.openfraud.events.contract;

import java.util.List;

/**
 * The outcome of checking one consumer expectation against the producer's contract.
 *
 * @param source   the expectation's resource name
 * @param consumer the consuming service ({@code ?} if the file could not be read)
 * @param topic    the topic ({@code ?} if the file could not be read)
 * @param problems what breaks the expectation; empty if it holds
 */
public record ContractResult(String source, String consumer, String topic, List<String> problems) {

    public ContractResult {
        problems = List.copyOf(problems);
    }

    /** Whether the producer's contract honours the expectation. */
    public boolean satisfied() {
        return problems.isEmpty();
    }

    /**
     * Throws an {@link AssertionError} listing every problem unless the expectation holds; meant to be the body of a
     * JUnit {@code DynamicTest} ({@code dynamicTest(result.toString(), result::assertSatisfied)}).
     */
    public void assertSatisfied() {
        if (!satisfied()) {
            throw new AssertionError(this + " is broken:\n  - " + String.join("\n  - ", problems));
        }
    }

    @Override
    public String toString() {
        return consumer + " reads " + topic + " (" + source + ")";
    }
}
