package io.cairn.engine.webhook.internal;

import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.http.ForbiddenTargetException;
import io.cairn.connectors.http.SsrfGuard;
import io.cairn.connectors.webhook.SigningScheme;
import io.cairn.connectors.webhook.WebhookEndpoint;
import io.cairn.engine.problem.ConflictException;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.webhook.ParameterType;
import io.cairn.engine.webhook.ReceiptSettings;
import io.cairn.engine.webhook.ReceiptStatus;
import io.cairn.engine.webhook.WebhookDraft;
import io.cairn.engine.webhook.WebhookParameter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link WebhookDraft} field by field and normalises it. Every problem is collected and
 * reported at once, naming its field; no message ever contains the secret.
 */
public final class WebhookDrafts {

  static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_PARAMETERS = 50;
  private static final int MAX_STATUSES = 50;

  private WebhookDrafts() {}

  /**
   * A checked draft.
   *
   * @param secret the given secret, or {@code null} when none was given
   */
  public record Checked(
      String name,
      String url,
      SigningScheme signing,
      String secret,
      Set<IdType> idTypes,
      List<WebhookParameter> parameters,
      ReceiptSettings receipts,
      int timeoutSeconds) {
    @Override
    public String toString() {
      return "Checked[" + name + "]";
    }
  }

  /**
   * @param previous the stored receipt settings when changing a webhook, else {@code null}
   * @throws InvalidInputException naming every bad field
   * @throws ConflictException if receipt statuses already in force would change
   */
  public static Checked check(WebhookDraft d, SsrfGuard guard, ReceiptSettings previous) {
    List<Violation> v = new ArrayList<>();
    String name = d.name() == null ? "" : d.name().strip();
    if (name.isEmpty() || name.length() > 128) {
      v.add(new Violation("name", "name is required, at most 128 characters"));
    }
    String url = d.url() == null ? "" : d.url().strip();
    if (url.length() > 2048) {
      v.add(new Violation("url", "url is longer than 2048 characters"));
    } else {
      try {
        guard.check(url);
      } catch (ForbiddenTargetException e) {
        v.add(new Violation("url", e.getMessage()));
      }
    }
    SigningScheme signing = SigningScheme.STANDARD_WEBHOOKS;
    if (d.signing() != null && !d.signing().isBlank()) {
      try {
        signing = SigningScheme.valueOf(d.signing().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        v.add(new Violation("signing", "signing must be STANDARD_WEBHOOKS or SORTED_KEY"));
      }
    }
    String secret = d.secret() == null || d.secret().isEmpty() ? null : d.secret();
    if (secret != null) {
      secretProblem(signing, secret).ifPresent(m -> v.add(new Violation("secret", m)));
    }
    Set<IdType> idTypes = idTypes(d.idTypes(), v);
    List<WebhookParameter> parameters = parameters(d.parameters(), v);
    ReceiptSettings receipts = receipts(d.receipts(), v);
    int timeout = d.timeoutSeconds() == null ? 10 : d.timeoutSeconds();
    if (timeout < 1 || timeout > 60) {
      v.add(new Violation("timeoutSeconds", "timeoutSeconds must be 1 to 60"));
    }
    if (!v.isEmpty()) {
      throw new InvalidInputException("invalid-webhook", "The webhook is invalid", v);
    }
    if (previous != null && previous.enabled()) {
      for (ReceiptStatus old : previous.statuses()) {
        if (!receipts.statuses().contains(old)) {
          throw new ConflictException(
              "receipt-statuses-locked",
              "receipt status "
                  + old.code()
                  + " is in use: once receipts were enabled, statuses can be added but not"
                  + " changed or removed");
        }
      }
    }
    return new Checked(name, url, signing, secret, idTypes, parameters, receipts, timeout);
  }

  /** A new Standard Webhooks secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /** What people may see of a secret: its scheme prefix and last four characters. */
  public static String hint(String secret) {
    String prefix = secret.startsWith("whsec_") ? "whsec_" : "";
    return prefix + "…" + secret.substring(Math.max(prefix.length(), secret.length() - 4));
  }

  /** Why a secret does not suit a signing scheme, if it does not; never quotes the secret. */
  public static java.util.Optional<String> secretProblem(SigningScheme signing, String secret) {
    if (signing == SigningScheme.SORTED_KEY) {
      if (secret.length() < 16 || secret.length() > 256 || !secret.matches("\\S+")) {
        return java.util.Optional.of(
            "a SORTED_KEY secret is 16 to 256 characters without white space");
      }
      return java.util.Optional.empty();
    }
    try {
      new WebhookEndpoint(
          "check",
          "https://example.com/",
          signing,
          secret,
          Set.of(IdType.MOBILE),
          Duration.ofSeconds(1));
      return java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage().replaceFirst("^webhook check: ", "");
      return java.util.Optional.of("a STANDARD_WEBHOOKS secret is whsec_ and base64: " + m);
    }
  }

  private static Set<IdType> idTypes(List<String> codes, List<Violation> v) {
    Set<IdType> out = EnumSet.noneOf(IdType.class);
    if (codes == null || codes.isEmpty()) {
      v.add(new Violation("idTypes", "at least one identity type is required"));
      return out;
    }
    for (int i = 0; i < codes.size(); i++) {
      String c = codes.get(i);
      if (c == null || !IdType.isIdType(c)) {
        v.add(new Violation("idTypes[" + i + "]", "not one of " + codesOf()));
      } else {
        out.add(IdType.fromCode(c));
      }
    }
    return out;
  }

  private static List<String> codesOf() {
    return EnumSet.allOf(IdType.class).stream().map(IdType::code).toList();
  }

  private static List<WebhookParameter> parameters(List<WebhookParameter> in, List<Violation> v) {
    List<WebhookParameter> out = new ArrayList<>();
    if (in == null) {
      return out;
    }
    if (in.size() > MAX_PARAMETERS) {
      v.add(new Violation("parameters", "at most " + MAX_PARAMETERS + " parameters"));
      return out;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < in.size(); i++) {
      WebhookParameter p = in.get(i);
      String at = "parameters[" + i + "]";
      if (p == null) {
        v.add(new Violation(at, "is empty"));
        continue;
      }
      String name = p.name() == null ? "" : p.name().strip();
      if (!KEY.matcher(name).matches()) {
        v.add(new Violation(at + ".name", "1 to 64 letters, digits, _ . or -"));
      } else if (!names.add(name)) {
        v.add(new Violation(at + ".name", "parameter " + name + " is defined twice"));
      }
      String label = p.displayName() == null ? "" : p.displayName().strip();
      if (label.isEmpty() || label.length() > 128) {
        v.add(
            new Violation(at + ".displayName", "displayName is required, at most 128 characters"));
      }
      ParameterType type = p.type() == null ? ParameterType.TEXT : p.type();
      out.add(new WebhookParameter(name, label, type));
    }
    return out;
  }

  private static ReceiptSettings receipts(ReceiptSettings in, List<Violation> v) {
    if (in == null) {
      return ReceiptSettings.off();
    }
    int window = in.windowHours() == null ? ReceiptSettings.DEFAULT_WINDOW_HOURS : in.windowHours();
    if (window < 1 || window > 720) {
      v.add(new Violation("receipts.windowHours", "windowHours must be 1 to 720"));
    }
    List<ReceiptStatus> statuses = new ArrayList<>();
    if (in.statuses().size() > MAX_STATUSES) {
      v.add(new Violation("receipts.statuses", "at most " + MAX_STATUSES + " statuses"));
    }
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < in.statuses().size() && i < MAX_STATUSES; i++) {
      ReceiptStatus s = in.statuses().get(i);
      String at = "receipts.statuses[" + i + "]";
      if (s == null) {
        v.add(new Violation(at, "is empty"));
        continue;
      }
      String code = s.code() == null ? "" : s.code().strip();
      if (!KEY.matcher(code).matches()) {
        v.add(new Violation(at + ".code", "1 to 64 letters, digits, _ . or -"));
      } else if (!codes.add(code)) {
        v.add(new Violation(at + ".code", "status " + code + " is defined twice"));
      }
      String name = s.name() == null || s.name().isBlank() ? code : s.name().strip();
      if (name.length() > 64) {
        v.add(new Violation(at + ".name", "name is at most 64 characters"));
      }
      statuses.add(new ReceiptStatus(code, name, s.delivered()));
    }
    if (in.enabled() && statuses.isEmpty()) {
      statuses.add(new ReceiptStatus("200", "delivered", true));
    }
    if (in.enabled() && statuses.stream().noneMatch(ReceiptStatus::delivered)) {
      v.add(new Violation("receipts.statuses", "at least one status must mean delivered"));
    }
    return new ReceiptSettings(in.enabled(), window, statuses);
  }
}
