/**
 * Streaming readers that turn transaction files (PaySim / CiferAI CSV, Sparkov CSV, NDJSON) into canonical
 * {@link io.openfraud.events.transaction.Transaction}s and their labels.
 *
 * <p>Entry point: {@link io.openfraud.formats.FileFormat#open(java.io.InputStream, FormatOptions)}, which returns a
 * {@link io.openfraud.formats.TransactionReader} of {@link io.openfraud.formats.ParsedRow}s. A bad row never stops
 * the stream: it becomes a {@link io.openfraud.formats.ParsedRow.Malformed} row whose reason names the column and the
 * kind of problem, never the row's content.
 *
 * <p>The format packages ({@code paysim}, {@code sparkov}, {@code ndjson}) hold one {@link RowDecoder} each; the
 * {@code csv} package holds the CSV dialect the two CSV formats share.
 */
package io.openfraud.formats;
