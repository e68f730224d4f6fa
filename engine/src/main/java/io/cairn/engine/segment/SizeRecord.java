package io.cairn.engine.segment;

import java.time.Instant;

/**
 * A segment's size at one refresh.
 *
 * @param at when the snapshot was taken
 * @param size its members
 */
public record SizeRecord(Instant at, long size) {}
