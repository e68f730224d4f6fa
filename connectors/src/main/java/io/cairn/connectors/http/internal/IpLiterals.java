package io.cairn.connectors.http.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads IP address literals without ever asking DNS, and recognises the numeric host forms that
 * resolvers interpret differently ({@code 0x7f.1}, {@code 2130706433}, {@code 0177.0.0.1}).
 */
public final class IpLiterals {

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

  // WHATWG URL's "ends in a number": such a host is an IPv4 address to browsers and to inet_aton.
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

  private IpLiterals() {}

  /**
   * The address a literal names: canonical dotted-quad IPv4, or IPv6 with or without brackets.
   * Anything else (names, zone ids, other numeric forms) is empty.
   */
  public static Optional<InetAddress> parse(String text) {
    String s = text;
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    try {
      if (s.indexOf(':') >= 0) {
        if (s.indexOf('%') >= 0 || !s.matches("[0-9A-Fa-f:.]+")) {
          return Optional.empty();
        }
        // A string with a colon is parsed as an IPv6 literal and never looked up.
        return Optional.of(InetAddress.getByName(s));
      }
      if (DOTTED_QUAD.matcher(s).matches()) {
        String[] parts = s.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
          b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(InetAddress.getByAddress(b));
      }
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * True when a host name would be read as an IPv4 address by some resolver although it is not a
   * canonical dotted quad: its last label is a number ({@code 127.1}, {@code 2130706433}, {@code
   * 0x7f.1}, {@code 0177.0.0.1}). glibc reads {@code 0177} as octal, Java as decimal, so no single
   * reading is safe.
   */
  public static boolean isAmbiguousNumericHost(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (h.isEmpty() || DOTTED_QUAD.matcher(h).matches()) {
      return false;
    }
    String last = h.substring(h.lastIndexOf('.') + 1);
    return NUMERIC_LABEL.matcher(last).matches();
  }

  /** An IPv4-mapped IPv6 address as the IPv4 address it maps; any other address unchanged. */
  public static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      if (isZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
        try {
          return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return address;
  }

  static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
