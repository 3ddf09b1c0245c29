package io.openfraud.formats.csv;

/**
 * A column the decoder needs, found in the header.
 *
 * @param name  the format's name for it, as used in reasons
 * @param index its 0-based position in the file
 */
public record Column(String name, int index) {
}
