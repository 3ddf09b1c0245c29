package io.openfraud.scoring.alerts;

import java.util.List;

/**
 * One page of the analyst queue, oldest case first.
 *
 * @param items the cases on this page
 * @param page  the page number (from 0)
 * @param size  the page size asked for
 * @param total how many cases have the status
 */
public record AlertPage(List<AlertCase> items, int page, int size, long total) {
}
