package io.openfraud.fraudctl.keys;

import io.openfraud.fraudctl.home.FraudctlHome;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code fraudctl keys}: where this installation's keys are (created on first use); never their content. */
@Command(name = "keys", description = {"Creates this installation's keys once, under $FRAUDCTL_HOME/keys, and prints "
        + "their paths (never their content):", "an RSA-2048 JWT key pair (PEM), and 256-bit PAN-token, pseudonym "
        + "and encryption keys (base64)."})
public class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    FraudctlHome home;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InstallKeys keys = InstallKeys.ensure(home.keys());
        out.println(keys.created().isEmpty() ? "Keys (existing) in " + keys.directory()
                : "Created " + String.join(", ", keys.created()) + " in " + keys.directory());
        line(out, "JWT signing key (RS256, private)", keys.jwtPrivateKey());
        line(out, "JWT verification key (public)", keys.jwtPublicKey());
        line(out, "PAN token key (HMAC-SHA256)", keys.panTokenKey());
        line(out, "pseudonym key (HMAC-SHA256)", keys.pseudonymKey());
        line(out, "encryption key (AES-256)", keys.encryptionKey());
        out.flush();
        return 0;
    }

    private static void line(PrintWriter out, String what, Path path) {
        out.printf("%-34s %s%n", what, path);
    }
}
