package io.cairn.engine.event;

import java.time.Instant;
import java.util.List;

/**
 * A kind of event users do ({@code purchase}, {@code add_to_cart}), with its typed attributes in
 * the order they were added.
 */
public record EventType(
    String code, String name, String description, List<EventAttribute> attributes, Instant createdAt) {}
