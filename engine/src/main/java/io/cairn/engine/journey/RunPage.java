package io.cairn.engine.journey;

import java.util.List;

/**
 * A page of a journey's runs, newest first.
 *
 * @param items the runs of this page
 * @param total runs of the journey
 * @param page the page (0-based)
 * @param size the page size asked for
 */
public record RunPage(List<RunEntry> items, long total, int page, int size) {}
