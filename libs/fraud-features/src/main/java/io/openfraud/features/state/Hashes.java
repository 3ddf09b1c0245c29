package io.openfraud.features.state;

import java.nio.charset.StandardCharsets;

/** A fixed 32-bit hash of identifiers (FNV-1a 64 then the MurmurHash3 finaliser): the same on every JVM, forever. */
public final class Hashes {

    private Hashes() {
    }

    public static int of(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h >>> 32);
    }
}
