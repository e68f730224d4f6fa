package io.cairn.connectors.channel;

import java.util.Locale;

/**
 * The identity types an entity can carry (channel addresses and device ids). Their lower-case
 * names are the identity column names in profile CSV files ({@code mobile}, {@code email} …).
 */
public enum IdType {
  MOBILE,
  EMAIL,
  OPENID,
  UNIONID,
  IMEI,
  IDFA,
  OAID;

  /** The lower-case code used in CSV headers, BPMN properties and the API. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a code case-insensitively; throws {@link IllegalArgumentException} when unknown. */
  public static IdType fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT));
  }

  /** True when {@code code} names an identity type. */
  public static boolean isIdType(String code) {
    for (IdType t : values()) {
      if (t.code().equalsIgnoreCase(code.trim())) {
        return true;
      }
    }
    return false;
  }
}
