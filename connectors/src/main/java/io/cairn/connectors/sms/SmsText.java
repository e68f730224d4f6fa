package io.cairn.connectors.sms;

/** How an SMS body looks on the handset: the signature in 【】 before the text. */
public final class SmsText {

  private SmsText() {}

  /** {@code 【signature】body}, or the body alone when there is no signature. */
  public static String withSignature(String signature, String body) {
    return signature == null || signature.isBlank() ? body : "【" + signature.trim() + "】" + body;
  }
}
