/**
 * The channel SPI. Owns {@link io.cairn.connectors.channel.ChannelConnector}, which delivers a
 * {@link io.cairn.connectors.channel.DeliveryBatch} of rendered messages through one provider and
 * reports one {@link io.cairn.connectors.channel.Outcome} per idempotency key, and the value types
 * around it (channels, identity types). The delivery ledger in the engine, not a connector, decides
 * what happens after each outcome.
 *
 * <p>Depends only on the JDK. The connectors in the sibling packages add OkHttp, Jackson and
 * jakarta.mail; nothing in this module knows Spring, Camunda or the engine.
 */
package io.cairn.connectors.channel;
