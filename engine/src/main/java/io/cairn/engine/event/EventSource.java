package io.cairn.engine.event;

import java.time.Instant;

/**
 * Where events come from: a channel (app, web, mini-program …) and its app key.
 *
 * @param writeKeyHint the first characters of the write key, to tell keys apart (never the key)
 */
public record EventSource(
    String code, String name, String channel, String appKey, String writeKeyHint, Instant createdAt) {}
