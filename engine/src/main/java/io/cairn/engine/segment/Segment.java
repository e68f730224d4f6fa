package io.cairn.engine.segment;

/** TEMPORARY stand-in until the segments branch lands. */
public record Segment(long id, String name, String entityType, String status, Long size) {}
