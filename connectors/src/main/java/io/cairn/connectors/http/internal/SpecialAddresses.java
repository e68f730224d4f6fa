package io.cairn.connectors.http.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges an outbound request to a user-given URL must not reach: this host, private and
 * link-local networks (cloud metadata services live at 169.254.169.254 and fd00:ec2::254),
 * carrier-grade NAT, multicast, and reserved ranges, in IPv4 and IPv6. IPv6 forms that carry an
 * IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by the address they carry;
 * Teredo, whose embedded address is obfuscated, is refused outright.
 */
public final class SpecialAddresses {

  private record Range(Cidr cidr, String reason) {}

  private static final List<Range> IPV4 =
      List.of(
          range("0.0.0.0/8", "an unspecified address"),
          range("127.0.0.0/8", "a loopback address"),
          range("10.0.0.0/8", "a private address"),
          range("172.16.0.0/12", "a private address"),
          range("192.168.0.0/16", "a private address"),
          range("100.64.0.0/10", "a carrier-grade NAT address"),
          range("169.254.0.0/16", "a link-local address"),
          range("192.0.0.0/24", "a reserved address"),
          range("198.18.0.0/15", "a reserved address"),
          range("224.0.0.0/4", "a multicast address"),
          range("240.0.0.0/4", "a reserved address"));

  private static final List<Range> IPV6 =
      List.of(
          range("::/128", "an unspecified address"),
          range("::1/128", "a loopback address"),
          range("::/96", "an IPv4-compatible address"),
          range("100::/64", "a reserved address"),
          range("2001::/32", "a Teredo address"),
          range("fc00::/7", "a private address"),
          range("fe80::/10", "a link-local address"),
          range("fec0::/10", "a private address"),
          range("ff00::/8", "a multicast address"));

  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private SpecialAddresses() {}

  /**
   * Why a connection to this address is refused, e.g. {@code "a loopback address"}; empty when it
   * is a public unicast address.
   */
  public static Optional<String> reason(InetAddress address) {
    InetAddress a = IpLiterals.unmapped(address);
    byte[] b = a.getAddress();
    if (b.length == 4) {
      return find(IPV4, a);
    }
    Optional<String> own = find(IPV6, a);
    if (own.isPresent()) {
      return own;
    }
    if (NAT64.contains(a)) {
      return embedded(Arrays.copyOfRange(b, 12, 16), "NAT64");
    }
    if (SIX_TO_FOUR.contains(a)) {
      return embedded(Arrays.copyOfRange(b, 2, 6), "6to4");
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] ipv4, String form) {
    try {
      return find(IPV4, InetAddress.getByAddress(ipv4)).map(r -> "the " + form + " form of " + r);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> find(List<Range> ranges, InetAddress a) {
    for (Range r : ranges) {
      if (r.cidr().contains(a)) {
        return Optional.of(r.reason());
      }
    }
    return Optional.empty();
  }

  private static Range range(String cidr, String reason) {
    return new Range(Cidr.parse(cidr), reason);
  }
}
