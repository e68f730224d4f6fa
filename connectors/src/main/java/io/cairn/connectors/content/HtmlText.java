package io.cairn.connectors.content;

/** Text placed into HTML: tag values, and plain text shown as an HTML part. */
public final class HtmlText {

  private HtmlText() {}

  /**
   * Escapes the characters that would let a value open a tag or leave an attribute, so that a
   * profile value such as {@code <script>} prints as text in an HTML email.
   */
  public static String escape(String text) {
    return convert(text, false);
  }

  /** Plain text as HTML: escaped, line breaks kept as {@code <br>}. */
  public static String fromPlainText(String text) {
    return convert(text, true);
  }

  private static String convert(String text, boolean breaks) {
    String t = text == null ? "" : text;
    StringBuilder html = new StringBuilder(t.length() + 16);
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '<' -> html.append("&lt;");
        case '>' -> html.append("&gt;");
        case '&' -> html.append("&amp;");
        case '"' -> html.append("&quot;");
        case '\'' -> html.append("&#39;");
        case '\r' -> {
          if (!breaks) {
            html.append(c);
          }
        }
        case '\n' -> html.append(breaks ? "<br>\n" : "\n");
        default -> html.append(c);
      }
    }
    return html.toString();
  }
}
