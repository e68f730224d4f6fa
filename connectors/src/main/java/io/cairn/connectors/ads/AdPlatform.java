package io.cairn.connectors.ads;

import io.cairn.connectors.channel.IdType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which identity types each ad platform takes for customer lists, and how each is normalised
 * ({@link IdentityNormalisation}) and hashed ({@link Digest}) before upload.
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>Platform</th><th>Identity</th><th>Normalised</th><th>Digests (first = default)</th></tr>
 *   <tr><td>Google Ads</td><td>email</td><td>{@link IdentityNormalisation#googleEmail}</td><td>SHA-256</td></tr>
 *   <tr><td></td><td>mobile</td><td>{@link IdentityNormalisation#e164} ({@code +8613800000001})</td><td>SHA-256</td></tr>
 *   <tr><td>Meta</td><td>email</td><td>{@link IdentityNormalisation#email}</td><td>SHA-256</td></tr>
 *   <tr><td></td><td>mobile</td><td>E.164 without {@code +} ({@code 8613800000001})</td><td>SHA-256</td></tr>
 *   <tr><td>Ocean Engine</td><td>IMEI, IDFA, OAID</td><td>{@link IdentityNormalisation#imei}, {@link IdentityNormalisation#idfa}, {@link IdentityNormalisation#oaid}</td><td>MD5</td></tr>
 *   <tr><td></td><td>mobile</td><td>{@link IdentityNormalisation#chinaMobile} ({@code 13800000001})</td><td>SHA-256</td></tr>
 *   <tr><td>Tencent Ads</td><td>IMEI, IDFA, OAID</td><td>as Ocean Engine</td><td>MD5</td></tr>
 *   <tr><td></td><td>mobile</td><td>{@link IdentityNormalisation#chinaMobile}</td><td>SHA-256 or MD5</td></tr>
 * </table>
 *
 * <p>The identity types and digests of Ocean Engine and Tencent Ads follow the reference product's
 * matrix; the platforms also take raw values, which Cairn never uploads. Thread-safe.
 */
public enum AdPlatform {
  GOOGLE_ADS(Map.of(IdType.EMAIL, List.of(Digest.SHA256), IdType.MOBILE, List.of(Digest.SHA256))),
  META(Map.of(IdType.EMAIL, List.of(Digest.SHA256), IdType.MOBILE, List.of(Digest.SHA256))),
  OCEAN_ENGINE(
      Map.of(
          IdType.IMEI, List.of(Digest.MD5),
          IdType.IDFA, List.of(Digest.MD5),
          IdType.OAID, List.of(Digest.MD5),
          IdType.MOBILE, List.of(Digest.SHA256))),
  TENCENT_ADS(
      Map.of(
          IdType.IMEI, List.of(Digest.MD5),
          IdType.IDFA, List.of(Digest.MD5),
          IdType.OAID, List.of(Digest.MD5),
          IdType.MOBILE, List.of(Digest.SHA256, Digest.MD5)));

  private final Map<IdType, List<Digest>> digests;

  AdPlatform(Map<IdType, List<Digest>> digests) {
    this.digests = digests;
  }

  /** The identity types the platform matches on. */
  public Set<IdType> acceptedIds() {
    return digests.keySet();
  }

  /** The digests the platform takes for {@code type}, the default first; empty when none. */
  public List<Digest> digests(IdType type) {
    return digests.getOrDefault(type, List.of());
  }

  /**
   * The value the platform hashes: {@code raw} in the platform's canonical form.
   *
   * @param defaultCallingCode digits added to a phone number written without one (Google, Meta;
   *     e.g. {@code 86}); {@code null} when numbers always carry one
   */
  public String normalise(IdType type, String raw, String defaultCallingCode) {
    requireAccepted(type);
    return switch (this) {
      case GOOGLE_ADS ->
          type == IdType.EMAIL
              ? IdentityNormalisation.googleEmail(raw)
              : IdentityNormalisation.e164(raw, defaultCallingCode);
      case META ->
          type == IdType.EMAIL
              ? IdentityNormalisation.email(raw)
              : IdentityNormalisation.e164(raw, defaultCallingCode).substring(1);
      case OCEAN_ENGINE, TENCENT_ADS ->
          switch (type) {
            case IMEI -> IdentityNormalisation.imei(raw);
            case IDFA -> IdentityNormalisation.idfa(raw);
            case OAID -> IdentityNormalisation.oaid(raw);
            default -> IdentityNormalisation.chinaMobile(raw);
          };
    };
  }

  /**
   * The normalised value (see {@link #normalise}) hashed with the platform's default digest for the
   * type.
   *
   * @throws IllegalArgumentException if the platform does not take the type or the value is not one
   *     of it (the message never contains the value)
   */
  public String hash(IdType type, String raw, String defaultCallingCode) {
    requireAccepted(type);
    return hash(type, raw, digests(type).get(0), defaultCallingCode);
  }

  /**
   * The normalised value hashed with {@code digest}.
   *
   * @throws IllegalArgumentException also if the platform does not take that digest for the type
   */
  public String hash(IdType type, String raw, Digest digest, String defaultCallingCode) {
    requireAccepted(type);
    if (!digests(type).contains(digest)) {
      throw new IllegalArgumentException(this + " does not take " + digest + " of " + type.code());
    }
    return digest.hex(normalise(type, raw, defaultCallingCode));
  }

  private void requireAccepted(IdType type) {
    if (!digests.containsKey(type)) {
      throw new IllegalArgumentException(this + " does not match on " + type.code());
    }
  }
}
