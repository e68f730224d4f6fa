package io.cairn.connectors.channel;

/** The kinds of channel a journey action can deliver through. */
public enum Channel {
  SMS,
  EMAIL,
  PUSH,
  WEBHOOK,
  ADS,
  KAFKA
}
