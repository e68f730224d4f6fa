package io.cairn.connectors.channel;

/** The kinds of channel a journey action can deliver through. */
public enum Channel {
  SMS,
  EMAIL,
  PUSH,
  WEBHOOK,
  ADS,
  KAFKA,
  /** Issuing a code from a coupon's imported pool: the connector lives in the engine. */
  COUPON
}
