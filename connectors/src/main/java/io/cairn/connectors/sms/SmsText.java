package io.cairn.connectors.sms;

/**
 * How an SMS reads on the handset: the sender signature in 【】 before the text, and the opt-out
 * text after a promotional one. The one place that
 * formats it, used by every SMS connector (the HTTP gateway and the sandbox), so that what the
 * sandbox records is exactly what a gateway would receive.
 */
public final class SmsText {

  private SmsText() {}

  /**
   * The text as sent for a node: signature, body, and for a PROMOTIONAL node its opt-out suffix
   * (unless the body already ends with it).
   *
   * @param settings the node's settings; {@code null} means the body alone
   */
  public static String of(SmsSettings settings, String body) {
    if (settings == null) {
      return body == null ? "" : body;
    }
    String text = withSignature(settings.signature(), body);
    if (settings.type() == SmsType.PROMOTIONAL && !text.endsWith(settings.optOutSuffix())) {
      text = text + settings.optOutSuffix();
    }
    return text;
  }

  /**
   * Prefixes the signature.
   *
   * @param signature the sender signature; blank or {@code null} for none. Surrounding spaces and
   *     the 【】 brackets a user may have typed are dropped, so {@code "Cairn"} and {@code "【Cairn】"}
   *     give the same result.
   * @param body the rendered text
   * @return {@code 【signature】body}, or {@code body} alone when there is no signature
   */
  public static String withSignature(String signature, String body) {
    String text = body == null ? "" : body;
    if (signature == null) {
      return text;
    }
    String name = signature.strip();
    if (name.startsWith("【") && name.endsWith("】") && name.length() >= 2) {
      name = name.substring(1, name.length() - 1).strip();
    }
    return name.isEmpty() ? text : "【" + name + "】" + text;
  }
}
