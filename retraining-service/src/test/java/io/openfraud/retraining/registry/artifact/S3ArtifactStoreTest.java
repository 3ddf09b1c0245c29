package io.openfraud.retraining.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openfraud.retraining.registry.config.RegistryConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 artifact store against a real S3-compatible server, S3Proxy, started in-process on a loopback port with AWS
 * signature authentication: the store's own client (built from configuration as in production: endpoint override,
 * path-style, static keys) writes and reads over HTTP, and checksums are verified on both sides.
 */
class S3ArtifactStoreTest {

    private static final String BUCKET = "openfraud-models";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private static S3Proxy proxy;
    private static S3ArtifactStore store;
    private static S3Client raw;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        org.awaitility.Awaitility.await().until(() -> "STARTED".equals(proxy.getState()));
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        RegistryConfig.S3 config = config(endpoint);
        store = S3ArtifactStore.fromConfig(config);
        raw = S3ArtifactStore.clientFor(config);
        raw.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (store != null) {
            store.close();
        }
        if (raw != null) {
            raw.close();
        }
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void writesAndReadsBackVerifiedBytesUnderAKeyHoldingTheChecksum() {
        byte[] bytes = "model 7 parameters".getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.hex(bytes);
        String key = store.write(1, "fraud-mlp", "7", bytes, sha);
        assertThat(key).isEqualTo("models/fraud-mlp/7/" + sha + ".artifact");
        assertThat(store.read(1, key, sha)).isEqualTo(bytes);
        assertThat(raw.headObject(h -> h.bucket(BUCKET).key(key)).metadata())
                .containsEntry(S3ArtifactStore.SHA256_METADATA, sha);
        assertThat(store.kind()).isEqualTo("s3");
    }

    @Test
    void refusesToWriteBytesThatDoNotHaveTheDeclaredChecksum() {
        byte[] bytes = "model 8".getBytes(StandardCharsets.UTF_8);
        String wrong = Sha256.hex("model 9".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.write(2, "fraud-mlp", "8", bytes, wrong))
                .isInstanceOf(ArtifactIntegrityException.class);
        assertThat(raw.listObjectsV2(l -> l.bucket(BUCKET).prefix("models/fraud-mlp/8/")).contents()).isEmpty();
    }

    @Test
    void refusesToReturnAnObjectReplacedBehindTheRegistrysBack() {
        byte[] bytes = "model 10".getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.hex(bytes);
        String key = store.write(3, "fraud-mlp", "10", bytes, sha);
        raw.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromString("tampered"));
        assertThatThrownBy(() -> store.read(3, key, sha)).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("s3://" + BUCKET + "/" + key);
    }

    @Test
    void aMissingObjectIsReportedAsMissing() {
        assertThatThrownBy(() -> store.read(4, "models/fraud-mlp/404/none.artifact", "0".repeat(64)))
                .isInstanceOf(ArtifactMissingException.class);
    }

    @Test
    void aStoreWithoutBucketDoesNotStart() {
        RegistryConfig.S3 noBucket = new TestS3Config(Optional.empty(), Optional.of(URI.create("http://127.0.0.1:1")));
        assertThatThrownBy(() -> S3ArtifactStore.fromConfig(noBucket)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openfraud.registry.artifacts.s3.bucket");
    }

    @Test
    void theRegistryWritesWhereConfiguredAndReadsEachVersionFromItsOwnStore() {
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        PostgresArtifactStore postgres = new PostgresArtifactStore(null);

        ArtifactStores auto = new ArtifactStores(registry(RegistryConfig.StoreKind.auto, config(endpoint)), postgres);
        assertThat(auto.forWrites().kind()).isEqualTo(S3ArtifactStore.KIND);
        byte[] bytes = "model 11".getBytes(StandardCharsets.UTF_8);
        String key = auto.forWrites().write(5, "fraud-mlp", "11", bytes, Sha256.hex(bytes));
        auto.close();

        // switched back to PostgreSQL for new versions: the S3 version stays readable while the bucket is configured
        ArtifactStores pinned = new ArtifactStores(registry(RegistryConfig.StoreKind.postgres, config(endpoint)),
                postgres);
        assertThat(pinned.forWrites()).isSameAs(postgres);
        assertThat(pinned.byKind(S3ArtifactStore.KIND).read(5, key, Sha256.hex(bytes))).isEqualTo(bytes);
        pinned.close();

        ArtifactStores none = new ArtifactStores(registry(RegistryConfig.StoreKind.auto,
                new TestS3Config(Optional.empty(), Optional.empty())), postgres);
        assertThat(none.forWrites()).isSameAs(postgres);
        assertThatThrownBy(() -> none.byKind(S3ArtifactStore.KIND)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bucket");
    }

    private static RegistryConfig registry(RegistryConfig.StoreKind kind, RegistryConfig.S3 s3) {
        RegistryConfig.Artifacts artifacts = new RegistryConfig.Artifacts() {
            @Override
            public RegistryConfig.StoreKind store() {
                return kind;
            }

            @Override
            public RegistryConfig.S3 s3() {
                return s3;
            }
        };
        return new RegistryConfig() {
            @Override
            public String modelName() {
                return "fraud-mlp";
            }

            @Override
            public URI publicUrl() {
                return URI.create("http://retraining.test");
            }

            @Override
            public RegistryConfig.Gate gate() {
                return null;
            }

            @Override
            public RegistryConfig.Artifacts artifacts() {
                return artifacts;
            }
        };
    }

    private static RegistryConfig.S3 config(URI endpoint) {
        return new TestS3Config(Optional.of(BUCKET), Optional.of(endpoint));
    }

    /** The S3 settings as configuration would give them. */
    private record TestS3Config(Optional<String> bucket, Optional<URI> endpointOverride) implements RegistryConfig.S3 {

        @Override
        public String prefix() {
            return "models/";
        }

        @Override
        public Optional<String> region() {
            return Optional.of("eu-west-1");
        }

        @Override
        public boolean pathStyleAccess() {
            return true;
        }

        @Override
        public Optional<String> accessKeyId() {
            return Optional.of(ACCESS_KEY);
        }

        @Override
        public Optional<String> secretAccessKey() {
            return Optional.of(SECRET_KEY);
        }
    }
}
