package io.openfraud.governance.contract;

import io.openfraud.events.Services;
import io.openfraud.events.contract.ConsumerContracts;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * What governance-service reads from each topic it consumes ({@code contracts/<topic>/governance-service.json} in
 * libs/fraud-events), checked against the producer's schema: a producer cannot drop or make optional a field this
 * service relies on without this test failing. It also fails if a topic this service consumes has no expectation.
 */
class ConsumerContractTest {

    @TestFactory
    Stream<DynamicTest> producersHonourWhatThisServiceReads() {
        return ConsumerContracts.verifyConsumer(getClass().getClassLoader(), Services.GOVERNANCE).stream()
                .map(result -> DynamicTest.dynamicTest(result.toString(), result::assertSatisfied));
    }
}
