/**
 * The channel SPI: {@link io.cairn.connectors.channel.ChannelConnector} delivers a batch and reports one outcome per recipient. Depends on nothing but the JDK.
 */
package io.cairn.connectors.channel;
