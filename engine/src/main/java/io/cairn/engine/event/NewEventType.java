package io.cairn.engine.event;

import java.util.List;

/** What a client sends to define or update an event type. */
public record NewEventType(
    String code, String name, String description, List<EventAttribute> attributes) {}
