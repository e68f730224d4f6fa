package io.cairn.connectors.ads;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Puts identity values in the canonical form an ad platform hashes, so that Cairn's hash of a
 * member's address equals the platform's hash of its own user's. Each platform's rules pick from
 * these (see {@link AdPlatform}). Messages of the {@link IllegalArgumentException}s never contain
 * the value: it is personal data.
 */
public final class IdentityNormalisation {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s\\-().]");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern CHINA_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
  private static final Pattern IMEI = Pattern.compile("[0-9a-f]{14,16}");
  private static final Pattern UUID =
      Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");

  private IdentityNormalisation() {}

  /** Trimmed and lower-cased: {@code " Ann.Lee@Example.COM "} → {@code ann.lee@example.com}. */
  public static String email(String raw) {
    String v = required(raw).toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(v).matches()) {
      throw new IllegalArgumentException("not an email address");
    }
    return v;
  }

  /**
   * {@link #email} and, for {@code gmail.com} and {@code googlemail.com}, without the dots and the
   * {@code +suffix} of the local part, which Gmail ignores: {@code " John.Doe+promo@GMail.com "} →
   * {@code johndoe@gmail.com}.
   */
  public static String googleEmail(String raw) {
    String v = email(raw);
    int at = v.indexOf('@');
    String local = v.substring(0, at);
    String domain = v.substring(at + 1);
    if (!domain.equals("gmail.com") && !domain.equals("googlemail.com")) {
      return v;
    }
    int plus = local.indexOf('+');
    local = (plus >= 0 ? local.substring(0, plus) : local).replace(".", "");
    if (local.isEmpty()) {
      throw new IllegalArgumentException("not an email address");
    }
    return local + "@" + domain;
  }

  /**
   * E.164: {@code +}, calling code and national number, digits only. A number written with {@code
   * +} or {@code 00} keeps its calling code; one without gets {@code defaultCallingCode}, losing a
   * national trunk {@code 0}: {@code "+86 138-0000-0001"} and, with 86, {@code "138 0000 0001"} →
   * {@code +8613800000001}.
   *
   * @param defaultCallingCode digits, e.g. {@code 86}; {@code null} or blank when numbers always
   *     carry one
   */
  public static String e164(String raw, String defaultCallingCode) {
    String v = PHONE_PUNCTUATION.matcher(required(raw)).replaceAll("");
    String digits;
    if (v.startsWith("+")) {
      digits = v.substring(1);
    } else if (v.startsWith("00")) {
      digits = v.substring(2);
    } else if (defaultCallingCode != null && !defaultCallingCode.isBlank()) {
      String national = v.startsWith("0") ? v.substring(1) : v;
      digits = defaultCallingCode.strip() + national;
    } else {
      throw new IllegalArgumentException("a phone number without calling code");
    }
    if (!DIGITS.matcher(digits).matches() || digits.length() < 8 || digits.length() > 15) {
      throw new IllegalArgumentException("not a phone number");
    }
    return "+" + digits;
  }

  /**
   * A mainland China mobile number as its 11 national digits, the form Chinese ad platforms hash:
   * {@code "+86 138-0000-0001"}, {@code "0086 13800000001"} and {@code "13800000001"} → {@code
   * 13800000001}.
   */
  public static String chinaMobile(String raw) {
    String v = PHONE_PUNCTUATION.matcher(required(raw)).replaceAll("");
    if (v.startsWith("+86")) {
      v = v.substring(3);
    } else if (v.startsWith("0086")) {
      v = v.substring(4);
    } else if (v.startsWith("86") && v.length() == 13) {
      v = v.substring(2);
    }
    if (!CHINA_MOBILE.matcher(v).matches()) {
      throw new IllegalArgumentException("not a mainland China mobile number");
    }
    return v;
  }

  /** An IMEI (or MEID) in lower case without separators: 14 to 16 hex digits. */
  public static String imei(String raw) {
    String v = PHONE_PUNCTUATION.matcher(required(raw)).replaceAll("").toLowerCase(Locale.ROOT);
    if (!IMEI.matcher(v).matches()) {
      throw new IllegalArgumentException("not an IMEI");
    }
    return v;
  }

  /** An IDFA in upper case with its hyphens, as iOS reports it. */
  public static String idfa(String raw) {
    String v = required(raw).toUpperCase(Locale.ROOT);
    if (!UUID.matcher(v).matches()) {
      throw new IllegalArgumentException("not an IDFA");
    }
    return v;
  }

  /** An OAID as the device reports it, trimmed; its case is kept (vendors differ). */
  public static String oaid(String raw) {
    return required(raw);
  }

  private static String required(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("empty");
    }
    return raw.strip();
  }
}
