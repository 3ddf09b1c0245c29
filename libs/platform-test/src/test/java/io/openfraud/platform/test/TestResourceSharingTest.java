package io.openfraud.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.openfraud.platform.ChildFirstClassLoader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One broker per JVM, however many test resource instances and class loaders ask for it. */
class TestResourceSharingTest {

    private static final String BOOTSTRAP = "kafka.bootstrap.servers";

    @Test
    void twoInstancesShareOneBroker() {
        KafkaTestResource first = new KafkaTestResource();
        first.init(Map.of());
        KafkaTestResource second = new KafkaTestResource();
        second.init(Map.of(KafkaTestResource.MAX_PARTITIONS, "1"));

        Map<String, String> a = first.start();
        first.stop(); // a stopped application must not take the broker down
        Map<String, String> b = second.start();

        assertThat(b.get(BOOTSTRAP)).isEqualTo(a.get(BOOTSTRAP));
        assertThat(a).containsEntry("mp.messaging.connector.smallrye-kafka.bootstrap.servers", a.get(BOOTSTRAP));
        assertThat(Infra.kafka().bootstrapServers()).isEqualTo(a.get(BOOTSTRAP));
        assertThat(System.getProperty("openfraud.infra.kafka.bootstrap.servers")).isEqualTo(a.get(BOOTSTRAP));
    }

    @Test
    void anInstanceFromAnotherClassLoaderReusesTheBroker() throws Exception {
        String bootstrap = new KafkaTestResource().start().get(BOOTSTRAP);
        ChildFirstClassLoader quarkusLike = new ChildFirstClassLoader(getClass().getClassLoader(), "io.openfraud.platform.");

        Class<?> isolated = quarkusLike.loadClass(KafkaTestResource.class.getName());
        assertThat(isolated).isNotSameAs(KafkaTestResource.class);
        QuarkusTestResourceLifecycleManager resource =
                (QuarkusTestResourceLifecycleManager) isolated.getDeclaredConstructor().newInstance();

        assertThat(resource.start()).containsEntry(BOOTSTRAP, bootstrap);
        // The isolated copy of SharedNodes started nothing: the bridge reached the system class loader's copy.
        assertThat(ownsKafka(quarkusLike)).isFalse();
        assertThat(SharedNodesBridge.owns("kafka")).isTrue();
    }

    @Test
    void aCopyThatCannotReachTheSystemClassLoaderReusesThePublishedBroker() throws Exception {
        String bootstrap = new KafkaTestResource().start().get(BOOTSTRAP);
        ChildFirstClassLoader quarkusLike = new ChildFirstClassLoader(getClass().getClassLoader(), "io.openfraud.platform.");

        // Call the isolated SharedNodes directly, as a bridge would that could not see the system class loader.
        Method connectionInfo = sharedNodes(quarkusLike).getDeclaredMethod("connectionInfo", String.class);
        connectionInfo.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, String> info = (Map<String, String>) connectionInfo.invoke(null, "kafka");

        assertThat(info).containsEntry("bootstrap.servers", bootstrap);
        assertThat(ownsKafka(quarkusLike)).isFalse();
    }

    private static Class<?> sharedNodes(ClassLoader loader) throws ClassNotFoundException {
        Class<?> copy = loader.loadClass(SharedNodes.class.getName());
        assertThat(copy).isNotSameAs(SharedNodes.class);
        return copy;
    }

    private static boolean ownsKafka(ClassLoader loader) throws Exception {
        Method owns = sharedNodes(loader).getDeclaredMethod("owns", String.class);
        owns.setAccessible(true);
        return (Boolean) owns.invoke(null, "kafka");
    }
}
