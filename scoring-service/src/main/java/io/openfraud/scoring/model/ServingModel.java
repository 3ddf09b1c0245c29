package io.openfraud.scoring.model;

import io.openfraud.model.network.FraudModel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded model with a reference count: the holder owns one reference, each request in flight one more. Retiring
 * drops the holder's reference; the model closes (native memory freed) when the last request releases it, never
 * under a request and without waiting for a fixed grace period.
 */
final class ServingModel {

    private final String version;
    private final String sha256;
    private final FraudModel model;
    private final AtomicInteger references = new AtomicInteger(1);

    ServingModel(String version, String sha256, FraudModel model) {
        this.version = version;
        this.sha256 = sha256;
        this.model = model;
    }

    String version() {
        return version;
    }

    String sha256() {
        return sha256;
    }

    FraudModel model() {
        return model;
    }

    /** A reference for one request, or false if the model was already retired and closed. */
    boolean acquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives a reference back; the last one closes the model. */
    void release() {
        if (references.decrementAndGet() == 0) {
            model.close();
        }
    }

    /** References held (the holder's plus requests in flight); 0 once closed. */
    int references() {
        return references.get();
    }
}
