package io.cairn.engine.segment;

/**
 * Published when a segment's computation fails, so that its owner can be told.
 *
 * @param segmentId the segment
 * @param name its name
 * @param notifyEmail who asked to be told, or null
 * @param error why it failed
 */
public record SegmentFailed(long segmentId, String name, String notifyEmail, String error) {}
