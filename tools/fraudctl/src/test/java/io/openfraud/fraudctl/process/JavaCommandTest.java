package io.openfraud.fraudctl.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCommandTest {

    @Test
    void derivesTheClassPathOfThePackagedApplicationFromItsRunnerJar(@TempDir Path dir) throws Exception {
        Path app = dir.resolve("quarkus-app");
        Files.createDirectories(app.resolve("lib/boot"));
        Files.createFile(app.resolve("quarkus-run.jar"));
        Files.createFile(app.resolve("lib/boot/io.quarkus.quarkus-bootstrap-runner-3.33.2.jar"));
        Files.createFile(app.resolve("lib/boot/org.jboss.logmanager.jboss-logmanager-3.2.1.Final.jar"));
        Files.createFile(app.resolve("lib/boot/io.smallrye.common.smallrye-common-ref-2.16.0.jar"));

        String classpath = JavaCommand.applicationClasspath(app.resolve("quarkus-run.jar").toString());

        assertThat(classpath.split(File.pathSeparator)).containsExactly(
                app.resolve("app/*").toString(),
                app.resolve("lib/main/*").toString(),
                app.resolve("lib/boot/io.smallrye.common.smallrye-common-ref-2.16.0.jar").toString(),
                app.resolve("lib/boot/org.jboss.logmanager.jboss-logmanager-3.2.1.Final.jar").toString());
    }

    @Test
    void keepsAnyOtherClassPath() {
        String classpath = String.join(File.pathSeparator, "target/classes", "a.jar");

        assertThat(JavaCommand.applicationClasspath(classpath)).isEqualTo(classpath);
    }

    @Test
    void buildsTheCommandLine() {
        JavaCommand java = new JavaCommand(Path.of("/jdk/bin/java"), "cp");

        assertThat(java.command(List.of("-Xmx1g"), "a.Main", List.of("x", "--y")))
                .containsExactly("/jdk/bin/java", "-Xmx1g", "-cp", "cp", "a.Main", "x", "--y");
    }
}
