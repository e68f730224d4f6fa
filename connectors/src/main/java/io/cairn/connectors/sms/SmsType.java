package io.cairn.connectors.sms;

/** The kinds of text SMS the reference product's platforms distinguish (audit and pricing differ). */
public enum SmsType {
  /** Service notices (an order shipped, a coupon expires); must not carry marketing content. */
  NOTIFICATION,
  /** Marketing content; always ends with the opt-out text ("回T退订", "Reply STOP to opt out"). */
  PROMOTIONAL
}
