package io.openfraud.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Loads the classes of the given packages a second time (from the parent's class path resources), and everything
 * else from the parent: what Quarkus' test class loaders do to a test resource and to the libraries of the
 * application under test.
 */
public final class ChildFirstClassLoader extends ClassLoader {

    private final List<String> packagePrefixes;

    public ChildFirstClassLoader(ClassLoader parent, String... packagePrefixes) {
        super("child-first-test", parent);
        this.packagePrefixes = List.of(packagePrefixes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (packagePrefixes.stream().noneMatch(name::startsWith)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                String resource = name.replace('.', '/') + ".class";
                try (InputStream in = getParent().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    loaded = defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
