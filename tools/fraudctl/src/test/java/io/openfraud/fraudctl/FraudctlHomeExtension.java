package io.openfraud.fraudctl;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Points {@code fraudctl.home} (which wins over {@code FRAUDCTL_HOME}) at a fresh temporary directory for each test,
 * so {@code @QuarkusMainTest}s launched with {@code QuarkusMainLauncher} in this JVM never touch a real home.
 * Inject it as a {@link Path} parameter annotated with nothing else.
 */
public final class FraudctlHomeExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    static final String PROPERTY = "fraudctl.home";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PROPERTY);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Path home = Files.createTempDirectory("fraudctl-home-");
        context.getStore(NAMESPACE).put(PROPERTY, home);
        System.setProperty(PROPERTY, home.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        System.clearProperty(PROPERTY);
        Path home = context.getStore(NAMESPACE).get(PROPERTY, Path.class);
        try (var paths = Files.walk(home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Path.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(PROPERTY, Path.class);
    }
}
