/**
 * The CSV dialect shared by the PaySim and Sparkov formats: RFC 4180 fields (comma separated, double quotes around
 * fields that hold commas or quotes, {@code ""} for a quote inside them), one record per line, columns found by header
 * name, values trimmed, {@code 0}/{@code 1} labels.
 */
package io.openfraud.formats.csv;
