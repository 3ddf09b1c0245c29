package io.openfraud.fraudctl.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The secrets of one installation, created once under {@code FRAUDCTL_HOME/keys} (directory 0700, files 0600) and
 * never regenerated: a token signed, a card tokenised or a field encrypted yesterday must still verify, match or
 * decrypt today.
 *
 * <ul>
 *   <li>{@code jwt-private.pem} (PKCS#8) / {@code jwt-public.pem} (X.509 SubjectPublicKeyInfo): RSA-2048, RS256 JWT
 *       signing by fraudctl, verification by the services ({@code mp.jwt.verify.publickey.location});</li>
 *   <li>{@code pan-token.key}: 256-bit HMAC key of card-number tokens;</li>
 *   <li>{@code pseudonym.key}: 256-bit HMAC key of identifier pseudonyms;</li>
 *   <li>{@code encryption.key}: 256-bit master key of ingestion's personal-data vault
 *       ({@code openfraud.vault.master-key}): it wraps the per-subject data keys.</li>
 * </ul>
 *
 * The random keys are base64 text with a trailing newline. Creation is serialised by a lock file, so two fraudctl
 * processes starting at once agree on one set.
 */
public final class InstallKeys {

    public static final String JWT_PRIVATE_KEY = "jwt-private.pem";
    public static final String JWT_PUBLIC_KEY = "jwt-public.pem";
    public static final String PAN_TOKEN_KEY = "pan-token.key";
    public static final String PSEUDONYM_KEY = "pseudonym.key";
    public static final String ENCRYPTION_KEY = "encryption.key";
    /** HMAC key of governance-service's audit chain: kept apart from MongoDB, where the chain lives. */
    public static final String AUDIT_KEY = "audit-hmac.key";

    /** The random (non-JWT) keys, in the order they are listed. */
    public static final List<String> SECRET_KEYS = List.of(PAN_TOKEN_KEY, PSEUDONYM_KEY, ENCRYPTION_KEY,
            AUDIT_KEY);

    static final int RSA_BITS = 2048;
    static final int SECRET_KEY_BYTES = 32;
    private static final String LOCK_FILE = ".lock";
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final List<String> created;

    private InstallKeys(Path directory, List<String> created) {
        this.directory = directory;
        this.created = List.copyOf(created);
    }

    /**
     * Creates the keys of {@code directory} that are missing and tightens the permissions of what exists.
     *
     * @throws IllegalStateException if {@code jwt-public.pem} exists without {@code jwt-private.pem}: a new pair
     *     would silently invalidate whoever trusts that public key
     */
    public static synchronized InstallKeys ensure(Path directory) { // the file lock is per process, not per thread
        Path dir = directory.toAbsolutePath().normalize();
        try {
            createPrivateDirectory(dir);
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockChannel.lock()) {
                restrict(dir.resolve(LOCK_FILE), FILE_MODE);
                List<String> created = new ArrayList<>();
                createJwtKeys(dir, created);
                SecureRandom random = new SecureRandom();
                for (String name : SECRET_KEYS) {
                    Path file = dir.resolve(name);
                    if (Files.exists(file)) {
                        restrict(file, FILE_MODE);
                    } else {
                        byte[] key = new byte[SECRET_KEY_BYTES];
                        random.nextBytes(key);
                        writePrivately(file, Base64.getEncoder().encodeToString(key) + "\n");
                        created.add(name);
                    }
                }
                return new InstallKeys(dir, created);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the keys under " + dir, e);
        }
    }

    private static void createJwtKeys(Path dir, List<String> created) throws IOException {
        Path privateFile = dir.resolve(JWT_PRIVATE_KEY);
        Path publicFile = dir.resolve(JWT_PUBLIC_KEY);
        if (Files.exists(privateFile)) {
            restrict(privateFile, FILE_MODE);
            if (!Files.exists(publicFile)) { // derived from the private key, so it can be restored
                writePrivately(publicFile, pem("PUBLIC KEY", publicKeyOf(readPrivateKey(privateFile)).getEncoded()));
                created.add(JWT_PUBLIC_KEY);
            } else {
                restrict(publicFile, FILE_MODE);
            }
            return;
        }
        if (Files.exists(publicFile)) {
            throw new IllegalStateException(publicFile + " exists without " + JWT_PRIVATE_KEY + ": restore the "
                    + "private key, or delete the public key to create a new pair (tokens signed before stop "
                    + "verifying)");
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java cannot generate RSA keys", e);
        }
        writePrivately(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        writePrivately(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        created.add(JWT_PRIVATE_KEY);
        created.add(JWT_PUBLIC_KEY);
    }

    public Path directory() {
        return directory;
    }

    /** The file names this call created (empty when every key existed). */
    public List<String> created() {
        return created;
    }

    public Path jwtPrivateKey() {
        return directory.resolve(JWT_PRIVATE_KEY);
    }

    public Path jwtPublicKey() {
        return directory.resolve(JWT_PUBLIC_KEY);
    }

    public Path panTokenKey() {
        return directory.resolve(PAN_TOKEN_KEY);
    }

    public Path pseudonymKey() {
        return directory.resolve(PSEUDONYM_KEY);
    }

    public Path encryptionKey() {
        return directory.resolve(ENCRYPTION_KEY);
    }

    public Path auditKey() {
        return directory.resolve(AUDIT_KEY);
    }

    public PrivateKey loadJwtPrivateKey() {
        try {
            return readPrivateKey(jwtPrivateKey());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jwtPrivateKey(), e);
        }
    }

    public PublicKey loadJwtPublicKey() {
        try {
            return readPublicKey(jwtPublicKey());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jwtPublicKey(), e);
        }
    }

    /** Reads a PKCS#8 {@code PRIVATE KEY} PEM file holding an RSA key. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] der = derOf(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY", file);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an RSA PKCS#8 private key", e);
        }
    }

    /** Reads an X.509 SubjectPublicKeyInfo {@code PUBLIC KEY} PEM file holding an RSA key. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        byte[] der = derOf(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC KEY", file);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is not an RSA public key", e);
        }
    }

    private static PublicKey publicKeyOf(PrivateKey privateKey) throws IOException {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IOException("the JWT private key has no public exponent; restore " + JWT_PUBLIC_KEY);
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot derive the public key", e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] derOf(String pem, String type, Path file) throws IOException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " is not a PEM " + type);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " holds invalid base64", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                if (posix()) {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                } else {
                    Files.createDirectory(dir);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another fraudctl created it meanwhile
            }
        }
        restrict(dir, DIRECTORY_MODE);
    }

    /** Writes a new file readable by its owner only; it appears complete or not at all. */
    private static void writePrivately(Path file, String content) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp", attributes);
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(path).equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }
}
