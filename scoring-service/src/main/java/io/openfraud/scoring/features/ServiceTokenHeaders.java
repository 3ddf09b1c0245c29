package io.openfraud.scoring.features;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Propagates the caller's bearer token to feature-service: the synchronous path is called by ingestion with a
 * {@code service} token, which feature-service also requires.
 */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String authorization = incoming.getFirst("Authorization");
        if (authorization != null) {
            headers.putSingle("Authorization", authorization);
        }
        return headers;
    }
}
