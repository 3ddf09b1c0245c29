package io.openfraud.fraudctl.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code java} command line that runs a main class of this application's class path in a child JVM, with the same
 * Java as fraudctl.
 *
 * @param executable the {@code java} binary
 * @param classpath the class path, in the platform's separator
 */
public record JavaCommand(Path executable, String classpath) {

    private static final String RUNNER_JAR = "quarkus-run.jar";

    /** This JVM's Java and this application's class path. */
    public static JavaCommand ofThisApplication() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new JavaCommand(java, applicationClasspath(System.getProperty("java.class.path")));
    }

    /**
     * The class path a child JVM needs to run this application's classes without Quarkus.
     *
     * <p>Started as {@code java -jar .../quarkus-app/quarkus-run.jar}, the class path is that one jar, whose manifest
     * and Quarkus' class loader hold the rest; a child gets {@code quarkus-app/app/*} and {@code lib/main/*}, plus the
     * logging jars of {@code lib/boot} (JBoss LogManager and its SmallRye Common dependencies: {@code lib/main} has
     * the SLF4J binding to them). Quarkus' own boot jars stay out: their logging configurator would take over from
     * the child's {@code logging.configuration}. Started any other way (tests, an IDE), the class path is already
     * complete and is returned as it is.
     */
    static String applicationClasspath(String javaClassPath) {
        if (javaClassPath == null || javaClassPath.contains(File.pathSeparator)
                || !javaClassPath.endsWith(RUNNER_JAR)) {
            return javaClassPath;
        }
        Path quarkusApp = Path.of(javaClassPath).toAbsolutePath().getParent();
        List<String> entries = new ArrayList<>();
        entries.add(quarkusApp.resolve("app").resolve("*").toString());
        entries.add(quarkusApp.resolve("lib").resolve("main").resolve("*").toString());
        Path boot = quarkusApp.resolve("lib").resolve("boot");
        if (Files.isDirectory(boot)) {
            try (Stream<Path> jars = Files.list(boot)) {
                jars.filter(jar -> jar.getFileName().toString().endsWith(".jar"))
                        .filter(jar -> !jar.getFileName().toString().startsWith("io.quarkus."))
                        .sorted()
                        .forEach(jar -> entries.add(jar.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + boot, e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** {@code java <jvmOptions> -cp <classpath> <mainClass> <arguments>}. */
    public List<String> command(List<String> jvmOptions, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }
}
