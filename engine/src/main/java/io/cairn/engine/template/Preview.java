package io.cairn.engine.template;

import io.cairn.connectors.content.EmptyValuePolicy;
import java.util.List;
import java.util.Map;

/**
 * A rendered template.
 *
 * @param subject the rendered subject (email) or title (push); {@code null} for SMS or when skipped
 * @param body the rendered text that would be sent; {@code null} when skipped
 * @param parts every rendered part by name ({@code text}, {@code subject}, {@code html}, {@code
 *     title}, {@code body}, {@code deepLink}); empty when skipped
 * @param empty the variables that had no value, and what their policy did
 * @param skipped true when an empty SKIP variable means this recipient would get nothing
 */
public record Preview(
    String subject,
    String body,
    Map<String, String> parts,
    List<EmptyVariable> empty,
    boolean skipped) {

  /**
   * A variable without a value.
   *
   * @param effect {@code skipped: the recipient gets no message} or {@code replaced with "…"}
   */
  public record EmptyVariable(String name, EmptyValuePolicy policy, String effect) {}
}
