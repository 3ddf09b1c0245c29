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
            RETURNING subject_pseudonym, key_id, wrapped_key, master_key_id""";

    /** The latest person per subject wins (by the event time of the transaction that carried it). */
    private static final String UPSERT_PEOPLE = """
            INSERT INTO subject_personal_data (subject_pseudonym, source_time, ciphertext, nonce, email_index, key_id)
            SELECT * FROM unnest(?::varchar[], ?::timestamptz[], ?::bytea[], ?::bytea[], ?::varchar[], ?::varchar[])
            ON CONFLICT (subject_pseudonym) DO UPDATE SET
                version = subject_personal_data.version + 1, updated_at = now(), source_time = EXCLUDED.source_time,
                ciphertext = EXCLUDED.ciphertext, nonce = EXCLUDED.nonce, email_index = EXCLUDED.email_index,
                key_id = EXCLUDED.key_id
            WHERE subject_personal_data.source_time <= EXCLUDED.source_time""";

    /** The master key in force: wraps new data keys, indexes e-mail addresses. */
    private final VaultCrypto crypto;
    private final String masterKeyId;
    /** Every configured master key by id, the one in force first. */
    private final Map<String, VaultCrypto> cryptos = new LinkedHashMap<>();

    PersonalDataVault(VaultConfig config) {
        this.crypto = new VaultCrypto(Base64.getDecoder().decode(config.masterKey()));
        this.masterKeyId = config.masterKeyId();
        cryptos.put(masterKeyId, crypto);
        config.retiredMasterKeys().forEach((id, key) -> {
            if (id.equals(masterKeyId)) {
                throw new IllegalArgumentException("openfraud.vault.retired-master-keys." + id
                        + " is the master key id in force");
            }
            cryptos.put(id, new VaultCrypto(Base64.getDecoder().decode(key)));
        });
    }

    /** The master key in force. */
    public String masterKeyId() {
        return masterKeyId;
    }

    private VaultCrypto master(String id) {
        VaultCrypto master = cryptos.get(id);
        if (master == null) {
            throw new VaultCrypto.VaultCryptoException("master key " + id + " is not configured", null);
        }
        return master;
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
            byte[] dataKey = master(key.masterKeyId()).unwrap(key.wrapped(), pseudonym, key.keyId());
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
                SELECT k.key_id, k.wrapped_key, p.ciphertext, p.nonce, p.version, p.updated_at, p.source_time,
                       k.master_key_id
                FROM subject_personal_data p JOIN subject_keys k USING (subject_pseudonym)
                WHERE p.subject_pseudonym = ? AND k.wrapped_key IS NOT NULL AND p.key_id = k.key_id""")) {
            select.setString(1, pseudonym);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                byte[] dataKey = master(row.getString(8)).unwrap(row.getBytes(2), pseudonym, row.getString(1));
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
        List<String> subjects = new ArrayList<>();
        if (email == null || email.isBlank()) {
            return subjects;
        }
        // the index under every configured master key: rows not yet re-indexed after a rotation are found too
        String[] indexes = cryptos.values().stream().map(c -> c.emailIndex(email)).toArray(String[]::new);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT subject_pseudonym FROM subject_personal_data WHERE email_index = ANY (?) ORDER BY 1")) {
            select.setArray(1, connection.createArrayOf("varchar", indexes));
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
                    live.put(rows.getString(1), new KeyRef(rows.getString(2), rows.getBytes(3), rows.getString(4)));
                }
            }
        }
        return live;
    }

    /** A subject's data-key id, wrapped data key and the master key that wrapped it. */
    private record KeyRef(String keyId, byte[] wrapped, String masterKeyId) {
    }

    /**
     * Master-key rotation: re-wraps up to {@code limit} live data keys wrapped under a retired master key with the
     * master key in force (the data key and its id stay, so nothing encrypted under it changes), and re-computes their
     * subjects' e-mail blind index under the key in force. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
     * several instances can run it. Returns how many keys were re-wrapped.
     */
    public int rewrap(Connection connection, int limit) throws SQLException {
        int rewrapped = 0;
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT k.subject_pseudonym, k.key_id, k.wrapped_key, k.master_key_id, p.ciphertext, p.nonce
                FROM subject_keys k LEFT JOIN subject_personal_data p
                  ON p.subject_pseudonym = k.subject_pseudonym AND p.key_id = k.key_id
                WHERE k.wrapped_key IS NOT NULL AND k.master_key_id <> ?
                ORDER BY k.subject_pseudonym LIMIT ? FOR UPDATE OF k SKIP LOCKED""");
                PreparedStatement updateKey = connection.prepareStatement(
                        "UPDATE subject_keys SET wrapped_key = ?, master_key_id = ? WHERE subject_pseudonym = ?");
                PreparedStatement updateIndex = connection.prepareStatement(
                        "UPDATE subject_personal_data SET email_index = ? WHERE subject_pseudonym = ? AND key_id = ?")) {
            select.setString(1, masterKeyId);
            select.setInt(2, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String pseudonym = row.getString(1);
                    String keyId = row.getString(2);
                    byte[] dataKey = master(row.getString(4)).unwrap(row.getBytes(3), pseudonym, keyId);
                    try {
                        updateKey.setBytes(1, crypto.wrap(dataKey, pseudonym, keyId));
                        updateKey.setString(2, masterKeyId);
                        updateKey.setString(3, pseudonym);
                        updateKey.addBatch();
                        byte[] ciphertext = row.getBytes(5);
                        if (ciphertext != null) {
                            byte[] plain = crypto.open(dataKey, new VaultCrypto.Sealed(row.getBytes(6), ciphertext),
                                    pseudonym);
                            try {
                                Object email = JSON.readValue(plain, new TypeReference<LinkedHashMap<String, Object>>() {
                                }).get("email");
                                updateIndex.setString(1, email == null ? null : crypto.emailIndex(email.toString()));
                                updateIndex.setString(2, pseudonym);
                                updateIndex.setString(3, keyId);
                                updateIndex.addBatch();
                            } catch (IOException e) {
                                throw new IllegalStateException("a decrypted person is not JSON", null);
                            } finally {
                                Arrays.fill(plain, (byte) 0);
                            }
                        }
                    } finally {
                        Arrays.fill(dataKey, (byte) 0);
                    }
                    rewrapped++;
                }
            }
            updateKey.executeBatch();
            updateIndex.executeBatch();
        }
        return rewrapped;
    }
}
