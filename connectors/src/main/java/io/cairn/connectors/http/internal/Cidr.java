package io.cairn.connectors.http.internal;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare
 * address is a range of one. Immutable and thread-safe.
 */
public final class Cidr {

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses {@code address[/prefix]}. The address must be a literal (never resolved): canonical
   * dotted-quad IPv4 or IPv6 without a zone.
   *
   * @throws IllegalArgumentException if it is not such a range
   */
  public static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String address = slash < 0 ? s : s.substring(0, slash);
    InetAddress a =
        IpLiterals.parse(address)
            .orElseThrow(() -> new IllegalArgumentException("not an IP range: " + text));
    byte[] bytes = IpLiterals.unmapped(a).getAddress();
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IP range: " + text);
      }
      if (bytes.length == 4 && a.getAddress().length == 16) {
        prefix -= 96; // ::ffff:a.b.c.d/120 is the IPv4 range a.b.c.d/24
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix out of range: " + text);
      }
    }
    return new Cidr(mask(bytes, prefix), prefix);
  }

  /** True when the address (IPv4-mapped IPv6 counts as IPv4) lies in this range. */
  public boolean contains(InetAddress address) {
    byte[] bytes = IpLiterals.unmapped(address).getAddress();
    return bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - keep));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress().toLowerCase(Locale.ROOT)
          + "/"
          + prefix;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
