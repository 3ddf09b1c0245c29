/**
 * Newline-delimited JSON: one canonical transaction per line, with an optional top-level label. See
 * {@link io.openfraud.formats.ndjson.NdjsonDecoder}.
 */
package io.openfraud.formats.ndjson;
