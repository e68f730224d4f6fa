package io.cairn.engine.event;

/** What a client sends to define an event source (the write key is generated). */
public record NewEventSource(String code, String name, String channel, String appKey) {}
