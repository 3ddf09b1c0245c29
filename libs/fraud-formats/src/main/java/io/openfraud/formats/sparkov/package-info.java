/**
 * Sparkov simulated card transactions ({@code ,trans_date_trans_time,cc_num,merchant,category,amt,...,is_fraud}).
 * See {@link io.openfraud.formats.sparkov.SparkovDecoder} for the mapping.
 */
package io.openfraud.formats.sparkov;
