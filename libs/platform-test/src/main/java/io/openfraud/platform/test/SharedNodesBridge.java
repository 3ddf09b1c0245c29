package io.openfraud.platform.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Calls {@link SharedNodes} in the JVM's system class loader, whichever class loader this copy of the bridge was
 * loaded by (see {@link SharedNodes} for why). Only {@code java.*} types cross the boundary. If the system class
 * loader cannot see this library (an unusual launcher), the local copy is used and the system properties that
 * {@link SharedNodes} publishes still prevent a second node.
 */
final class SharedNodesBridge {

    private static final Class<?> OWNER = owner();

    private SharedNodesBridge() {
    }

    private static Class<?> owner() {
        try {
            return Class.forName(SharedNodes.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return SharedNodes.class;
        }
    }

    /** Whether the nodes live in another class loader than this bridge (true under Quarkus' test class loaders). */
    static boolean crossesClassLoaders() {
        return OWNER != SharedNodes.class;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> connectionInfo(String store) {
        return (Map<String, String>) call("connectionInfo", store);
    }

    static boolean owns(String store) {
        return (Boolean) call("owns", store);
    }

    static void stopRedis() {
        call("stopRedis");
    }

    static void startRedisAgain() {
        call("startRedisAgain");
    }

    static boolean redisRunning() {
        return (Boolean) call("redisRunning");
    }

    private static Object call(String method, String... args) {
        Class<?>[] types = new Class<?>[args.length];
        java.util.Arrays.fill(types, String.class);
        try {
            Method target = OWNER.getDeclaredMethod(method, types);
            // The owner is package-private and, in another class loader, in another runtime package.
            target.setAccessible(true);
            return target.invoke(null, (Object[]) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call SharedNodes." + method, e);
        }
    }
}
