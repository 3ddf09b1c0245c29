package io.openfraud.model.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as one self-contained file: a zip with exactly two stored (uncompressed) entries,
 * {@value #METADATA} then {@value #PARAMS}, fixed timestamps and no extra fields, so the same model always gives
 * the same bytes and the same {@link #sha256()} (docs/model-artifact.md).
 *
 * <p>{@link #read} refuses an artifact whose params do not match the checksum in its metadata, whose file checksum
 * differs from the one the caller expects (the registry's), or that was built for another feature-set version.
 *
 * @param metadata what the model is ({@link ModelMetadata#paramsSha256()} matches {@code params})
 * @param params   the network's parameters in DJL's block parameter format
 */
public record ModelArtifact(ModelMetadata metadata, byte[] params) {

    /** Artifact format version. */
    public static final int FORMAT = 1;
    /** Entry holding the metadata JSON. */
    public static final String METADATA = "metadata.json";
    /** Entry holding the DJL parameters. */
    public static final String PARAMS = "model.params";
    /** Media type of the file. */
    public static final String MEDIA_TYPE = "application/zip";

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    public ModelArtifact {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(params, "params");
    }

    /** An artifact of {@code params}, its checksum written into the metadata. */
    public static ModelArtifact of(ModelMetadata metadata, byte[] params) {
        return new ModelArtifact(metadata.withParamsSha256(sha256(params)), params.clone());
    }

    /** The file's bytes (deterministic). */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(params.length + 16_384);
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                stored(zip, METADATA, JSON.writeValueAsBytes(metadata));
                stored(zip, PARAMS, params);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hex sha256 of {@link #toBytes()}: the artifact's identity in the registry. */
    public String sha256() {
        return sha256(toBytes());
    }

    /** Writes the file. */
    public void write(Path file) throws IOException {
        Files.write(file, toBytes());
    }

    /** Reads a file, see {@link #read(byte[], String, String)}. */
    public static ModelArtifact read(Path file, String featureSetVersion, String expectedSha256) throws IOException {
        return read(Files.readAllBytes(file), featureSetVersion, expectedSha256);
    }

    /**
     * Reads and verifies an artifact.
     *
     * @param bytes             the file
     * @param featureSetVersion the feature-set version the caller computes; the artifact must have been trained on it
     * @param expectedSha256    hex sha256 the file must have (for example the registry's), or null to skip
     * @throws InvalidArtifactException if it is malformed, does not match a checksum, or is for other features
     */
    public static ModelArtifact read(byte[] bytes, String featureSetVersion, String expectedSha256) {
        if (expectedSha256 != null) {
            String actual = sha256(bytes);
            if (!actual.equalsIgnoreCase(expectedSha256)) {
                throw new InvalidArtifactException("artifact checksum mismatch: file sha256 is " + actual
                        + ", expected " + expectedSha256);
            }
        }
        byte[] json = null;
        byte[] params = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                switch (entry.getName()) {
                    case METADATA -> json = zip.readAllBytes();
                    case PARAMS -> params = zip.readAllBytes();
                    default -> throw new InvalidArtifactException("unexpected artifact entry " + entry.getName());
                }
            }
        } catch (IOException e) {
            throw new InvalidArtifactException("artifact is not a readable zip: " + e.getMessage(), e);
        }
        if (json == null || params == null) {
            throw new InvalidArtifactException("artifact must hold " + METADATA + " and " + PARAMS);
        }
        ModelMetadata metadata;
        try {
            metadata = JSON.readValue(json, ModelMetadata.class);
        } catch (IOException e) {
            throw new InvalidArtifactException("artifact metadata is not valid: " + e.getMessage(), e);
        }
        if (metadata.format() != FORMAT) {
            throw new InvalidArtifactException("artifact format " + metadata.format() + " is not supported (expected "
                    + FORMAT + ")");
        }
        String paramsSha = sha256(params);
        if (!paramsSha.equals(metadata.paramsSha256())) {
            throw new InvalidArtifactException("artifact checksum mismatch: " + PARAMS + " sha256 is " + paramsSha
                    + " but the metadata says " + metadata.paramsSha256());
        }
        if (!Objects.equals(metadata.featureSetVersion(), featureSetVersion)) {
            throw new InvalidArtifactException("feature-set version mismatch: model " + metadata.modelVersion()
                    + " was trained on " + metadata.featureSetVersion() + " but this service computes "
                    + featureSetVersion);
        }
        if (metadata.featureNames().size() != metadata.network().inputs()
                || metadata.normalization().mean().length != metadata.network().inputs()
                || metadata.normalization().scale().length != metadata.network().inputs()
                || metadata.medians().length != metadata.network().inputs()) {
            throw new InvalidArtifactException("artifact metadata is inconsistent: " + metadata.network().inputs()
                    + " inputs but " + metadata.featureNames().size() + " feature names");
        }
        return new ModelArtifact(metadata, params);
    }

    /** The metadata as JSON (for the registry and the docs). */
    public String metadataJson() {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex sha256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setTimeLocal(ENTRY_TIME);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
