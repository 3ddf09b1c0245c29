package io.openfraud.retraining.registry.artifact;

import io.openfraud.retraining.registry.config.RegistryConfig;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Artifacts in an S3-compatible object store (AWS S3, MinIO, Ceph, ...), one object per version under
 * {@code <prefix><model>/<version>/<sha256>.artifact}. The key holds the checksum, so an object is never overwritten
 * by different bytes; the object also carries it as user metadata {@code sha256}. The object is written before the
 * registration commits: if the commit fails, an unreferenced object is left (harmless; a bucket lifecycle rule may
 * clean it), never a version without bytes.
 *
 * <p>The SDK's own flexible checksums are limited to what the operation requires, because several S3-compatible
 * stores do not implement them; integrity is this class's SHA-256 on both sides.
 */
public class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    public static final String KIND = "s3";
    static final String SHA256_METADATA = "sha256";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3ArtifactStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** A store with its own client, built from configuration. */
    public static S3ArtifactStore fromConfig(RegistryConfig.S3 config) {
        String bucket = config.bucket().filter(b -> !b.isBlank()).orElseThrow(() -> new IllegalStateException(
                "openfraud.registry.artifacts.store=s3 needs openfraud.registry.artifacts.s3.bucket"));
        return new S3ArtifactStore(clientFor(config), bucket, config.prefix());
    }

    /** An S3 client for {@code config}: the JDK's HTTP client, region, endpoint, addressing, credentials. */
    public static S3Client clientFor(RegistryConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(config.region().filter(r -> !r.isBlank()).map(Region::of)
                        .orElseGet(S3ArtifactStore::defaultRegion))
                .forcePathStyle(config.pathStyleAccess())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpointOverride().ifPresent(builder::endpointOverride);
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.accessKeyId().get(), config.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    private static Region defaultRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String write(long versionId, String modelName, String version, byte[] bytes, String sha256) {
        Sha256.verify(bytes, sha256, "artifact of " + modelName + " " + version);
        String key = prefix + modelName + "/" + version + "/" + sha256 + ".artifact";
        s3.putObject(put -> put.bucket(bucket).key(key).contentType("application/octet-stream")
                .contentLength((long) bytes.length).metadata(Map.of(SHA256_METADATA, sha256)),
                RequestBody.fromBytes(bytes));
        return key;
    }

    @Override
    public byte[] read(long versionId, String location, String sha256) {
        ResponseBytes<GetObjectResponse> object;
        try {
            object = s3.getObjectAsBytes(get -> get.bucket(bucket).key(location));
        } catch (NoSuchKeyException e) {
            throw new ArtifactMissingException("no object " + location + " in bucket " + bucket);
        }
        byte[] bytes = object.asByteArray();
        Sha256.verify(bytes, sha256, "artifact read from s3://" + bucket + "/" + location);
        return bytes;
    }

    @Override
    public void close() {
        s3.close();
    }
}
