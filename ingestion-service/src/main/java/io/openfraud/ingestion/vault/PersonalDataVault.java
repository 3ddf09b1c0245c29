package io.openfraud.ingestion.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openfraud.events.EventJson;
import io.openfraud.events.transaction.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The personal-data vault: the latest person of each data subject, encrypted with a data key of that subject alone,
 * which is stored only wrapped under the master key (tables {@code subject_keys}, {@code subject_personal_data},
 * Flyway {@code V7__vault.sql}). Destroying the subject's key (crypto-shredding) makes the personal data unrecoverable.
 *
 * <p>Every method works on the caller's connection, inside the caller's transaction: the intake writes people in the
 * transaction that stores their transactions. Unwrapped keys live only for the duration of a call (no cache that
 * could outlive an erasure) and are zeroed after use. Nothing here logs or throws personal data.
 */
@ApplicationScoped
public class PersonalDataVault {

    private static final ObjectMapper JSON = EventJson.newMapper();

    /**
     * Creates a data key for every subject that has none (or had one destroyed by an erasure) and returns the live key
     * of each: one statement, which also locks the subjects' key rows until the caller commits, so a concurrent erasure
     * waits and then destroys what this transaction wrote.
     */
    private static final String UPSERT_KEYS = """
            INSERT INTO subject_keys (subject_pseudonym, key_id, wrapped_key, master_key_id)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bytea[], ?::varchar[])
            ON CONFLICT (subject_pseudonym) DO UPDATE SET
                key_id = CASE WHEN subject_keys.wrapped_key IS NULL THEN EXCLUDED.key_id ELSE subject_keys.key_id END,
                master_key_id = CASE WHEN subject_keys.wrapped_key IS NULL THEN EXCLUDED.master_key_id
                                     ELSE subject_keys.master_key_id END,
                created_at = CASE WHEN subject_keys.wrapped_key IS NULL THEN now() ELSE subject_keys.created_at END,
                destroyed_at = NULL,
                wrapped_key = COALESCE(subject_keys.wrapped_key, EXCLUDED.wrapped_key)
            RETURNING subject_pseudonym, key_id, wrapped_key""";

    /** The latest person per subject wins (by the event time of the transaction that carried it). */
    private static final String UPSERT_PEOPLE = """
            INSERT INTO subject_personal_data (subject_pseudonym, source_time, ciphertext, nonce, email_index, key_id)
            SELECT * FROM unnest(?::varchar[], ?::timestamptz[], ?::bytea[], ?::bytea[], ?::varchar[], ?::varchar[])
            ON CONFLICT (subject_pseudonym) DO UPDATE SET
                version = subject_personal_data.version + 1, updated_at = now(), source_time = EXCLUDED.source_time,
                ciphertext = EXCLUDED.ciphertext, nonce = EXCLUDED.nonce, email_index = EXCLUDED.email_index,
                key_id = EXCLUDED.key_id
            WHERE subject_personal_data.source_time <= EXCLUDED.source_time""";

    private final VaultCrypto crypto;
    private final String masterKeyId;

    PersonalDataVault(VaultConfig config) {
        this.crypto = new VaultCrypto(Base64.getDecoder().decode(config.masterKey()));
        this.masterKeyId = config.masterKeyId();
    }

    /**
     * The person carried by an accepted transaction.
     *
     * @param subjectPseudonym the customer pseudonym
     * @param eventTime        the transaction's event time (the latest person of a subject wins)
     * @param person           the personal data
     */
    public record Entry(String subjectPseudonym, Instant eventTime, Transaction.Person person) {
    }

    /** The decrypted person of a subject, with when it was last written. */
    public record StoredPerson(Map<String, Object> person, long version, Instant updatedAt, Instant sourceTime) {
    }

    /** What {@link #shred} destroyed: data keys and personal-data rows. */
    public record Shredded(int keys, int personalData) {
    }

    /** Stores the latest person of each subject in {@code entries}, encrypted; a few statements whatever their number. */
    public void store(Connection connection, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        // sorted by pseudonym: concurrent batches lock subjects' key rows in the same order (no deadlock)
        TreeMap<String, Entry> latest = new TreeMap<>();
        for (Entry entry : entries) {
            latest.merge(entry.subjectPseudonym(), entry,
                    (a, b) -> b.eventTime().isBefore(a.eventTime()) ? a : b);
        }
        Map<String, KeyRef> keys = liveKeys(connection, latest.keySet().toArray(String[]::new));
        int n = latest.size();
        String[] pseudonyms = new String[n];
        String[] times = new String[n];
        byte[][] ciphertexts = new byte[n][];
        byte[][] nonces = new byte[n][];
        String[] indexes = new String[n];
        String[] keyIds = new String[n];
        int i = 0;
        for (Entry entry : latest.values()) {
            String pseudonym = entry.subjectPseudonym();
            KeyRef key = keys.get(pseudonym);
            byte[] dataKey = crypto.unwrap(key.wrapped(), pseudonym, key.keyId());
            try {
                VaultCrypto.Sealed sealed = crypto.seal(dataKey, JSON.writeValueAsBytes(entry.person()), pseudonym);
                pseudonyms[i] = pseudonym;
                times[i] = entry.eventTime().toString();
                ciphertexts[i] = sealed.ciphertext();
                nonces[i] = sealed.nonce();
                indexes[i] = crypto.emailIndex(entry.person().email());
                keyIds[i] = key.keyId();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a person is not writable as JSON", null);
            } finally {
                Arrays.fill(dataKey, (byte) 0);
            }
            i++;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_PEOPLE)) {
            upsert.setArray(1, connection.createArrayOf("varchar", pseudonyms));
            upsert.setArray(2, connection.createArrayOf("varchar", times));
            upsert.setArray(3, connection.createArrayOf("bytea", ciphertexts));
            upsert.setArray(4, connection.createArrayOf("bytea", nonces));
            upsert.setArray(5, connection.createArrayOf("varchar", indexes));
            upsert.setArray(6, connection.createArrayOf("varchar", keyIds));
            upsert.executeUpdate();
        }
    }

    /** The decrypted person of a subject, if the vault holds one (none after an erasure). */
    public Optional<StoredPerson> read(Connection connection, String pseudonym) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT k.key_id, k.wrapped_key, p.ciphertext, p.nonce, p.version, p.updated_at, p.source_time
                FROM subject_personal_data p JOIN subject_keys k USING (subject_pseudonym)
                WHERE p.subject_pseudonym = ? AND k.wrapped_key IS NOT NULL AND p.key_id = k.key_id""")) {
            select.setString(1, pseudonym);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                byte[] dataKey = crypto.unwrap(row.getBytes(2), pseudonym, row.getString(1));
                try {
                    byte[] plain = crypto.open(dataKey, new VaultCrypto.Sealed(row.getBytes(4), row.getBytes(3)),
                            pseudonym);
                    Map<String, Object> person = JSON.readValue(plain, new TypeReference<LinkedHashMap<String, Object>>() {
                    });
                    Arrays.fill(plain, (byte) 0);
                    return Optional.of(new StoredPerson(person, row.getLong(5), row.getTimestamp(6).toInstant(),
                            row.getTimestamp(7).toInstant()));
                } catch (IOException e) {
                    throw new IllegalStateException("a decrypted person is not JSON", null);
                } finally {
                    Arrays.fill(dataKey, (byte) 0);
                }
            }
        }
    }

    /** The subjects whose stored e-mail address is {@code email} (normalised), found by its blind index. */
    public List<String> findByEmail(Connection connection, String email) throws SQLException {
        String index = crypto.emailIndex(email);
        List<String> subjects = new ArrayList<>();
        if (index == null) {
            return subjects;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT subject_pseudonym FROM subject_personal_data WHERE email_index = ? ORDER BY 1")) {
            select.setString(1, index);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                }
            }
        }
        return subjects;
    }

    /**
     * Crypto-shredding: deletes the subject's personal data and destroys their data key (the row stays, without the
     * key, as a record of when it was destroyed). Idempotent: a repeat destroys nothing.
     */
    public Shredded shred(Connection connection, String pseudonym) throws SQLException {
        // the key row first, as the intake locks it first: a concurrent intake and erasure queue, never deadlock
        int keys;
        try (PreparedStatement destroy = connection.prepareStatement("""
                UPDATE subject_keys SET wrapped_key = NULL, destroyed_at = now()
                WHERE subject_pseudonym = ? AND wrapped_key IS NOT NULL""")) {
            destroy.setString(1, pseudonym);
            keys = destroy.executeUpdate();
        }
        int data;
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM subject_personal_data WHERE subject_pseudonym = ?")) {
            delete.setString(1, pseudonym);
            data = delete.executeUpdate();
        }
        return new Shredded(keys, data);
    }

    private Map<String, KeyRef> liveKeys(Connection connection, String[] pseudonyms) throws SQLException {
        int n = pseudonyms.length;
        String[] keyIds = new String[n];
        byte[][] wrapped = new byte[n][];
        String[] masters = new String[n];
        for (int i = 0; i < n; i++) {
            keyIds[i] = "dk_" + UUID.randomUUID();
            byte[] dataKey = crypto.newDataKey();
            wrapped[i] = crypto.wrap(dataKey, pseudonyms[i], keyIds[i]);
            Arrays.fill(dataKey, (byte) 0);
            masters[i] = masterKeyId;
        }
        Map<String, KeyRef> live = new HashMap<>();
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_KEYS)) {
            upsert.setArray(1, connection.createArrayOf("varchar", pseudonyms));
            upsert.setArray(2, connection.createArrayOf("varchar", keyIds));
            upsert.setArray(3, connection.createArrayOf("bytea", wrapped));
            upsert.setArray(4, connection.createArrayOf("varchar", masters));
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    live.put(rows.getString(1), new KeyRef(rows.getString(2), rows.getBytes(3)));
                }
            }
        }
        return live;
    }

    /** A subject's data-key id and wrapped data key. */
    private record KeyRef(String keyId, byte[] wrapped) {
    }
}
