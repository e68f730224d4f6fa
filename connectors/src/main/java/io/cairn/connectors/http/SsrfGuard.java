package io.cairn.connectors.http;

import io.cairn.connectors.http.internal.Cidr;
import io.cairn.connectors.http.internal.IpLiterals;
import io.cairn.connectors.http.internal.SpecialAddresses;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Keeps requests to user-given URLs (webhooks, push endpoints) away from Cairn's own network: no
 * loopback, private, link-local (cloud metadata), carrier-grade NAT, unspecified, multicast or
 * reserved addresses, in IPv4, IPv6 and the IPv6 forms that carry an IPv4 address, and no scheme
 * but {@code http} and {@code https}.
 *
 * <p>It checks twice. {@link #check(String)} judges the URL itself: its scheme, an IP literal host,
 * {@code localhost} names, and numeric host forms that resolvers read differently ({@code 0x7f.1},
 * {@code 2130706433}, {@code 0177.0.0.1}), which are refused whatever they denote. Then {@link
 * #protect(OkHttpClient)} derives a client whose {@link Dns} checks <em>every</em> address a name
 * resolves to, at connect time, and hands OkHttp only those checked addresses: a name that answers
 * a public address to a first lookup and {@code 127.0.0.1} to the next (DNS rebinding) cannot slip
 * through, because the connection uses the addresses that were checked. A name with any refused
 * address is refused as a whole, so the outcome never depends on address order.
 *
 * <p>The protected client also checks each request's URL (IP literals never reach {@code Dns}),
 * connects directly (a proxy would resolve names where the guard cannot see them) and never follows
 * redirects (a redirect could point anywhere).
 *
 * <p>The operator's allow-list opens exceptions, e.g. for an internal CRM or for tests: host names
 * ({@code crm.internal}, or {@code *.corp.example} for subdomains) are trusted with whatever they
 * resolve to; IP addresses and CIDR ranges ({@code 10.20.0.0/16}, {@code fd00::/8}) admit those
 * addresses. Only the operator configures it, never a journey author.
 *
 * <p>Immutable and thread-safe.
 */
public final class SsrfGuard {

  private final List<String> allowedHosts; // lower case, no trailing dot; "*.x" for subdomains
  private final List<Cidr> allowedRanges;

  private SsrfGuard(List<String> allowedHosts, List<Cidr> allowedRanges) {
    this.allowedHosts = List.copyOf(allowedHosts);
    this.allowedRanges = List.copyOf(allowedRanges);
  }

  /** A guard without exceptions: only public addresses are reachable. */
  public static SsrfGuard strict() {
    return new SsrfGuard(List.of(), List.of());
  }

  /**
   * A guard with an allow-list.
   *
   * @param allowList host names, {@code *.}-prefixed domains, IP addresses and CIDR ranges
   * @throws IllegalArgumentException if an entry is none of these
   */
  public static SsrfGuard allowing(Collection<String> allowList) {
    List<String> hosts = new ArrayList<>();
    List<Cidr> ranges = new ArrayList<>();
    for (String entry : allowList) {
      String e = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      if (e.indexOf(':') >= 0 || e.indexOf('/') >= 0 || IpLiterals.parse(e).isPresent()) {
        ranges.add(Cidr.parse(e));
      } else if (e.matches("(\\*\\.)?[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?")) {
        hosts.add(withoutTrailingDot(e));
      } else {
        throw new IllegalArgumentException("not a host, IP address or CIDR range: " + entry);
      }
    }
    return new SsrfGuard(hosts, ranges);
  }

  /**
   * Parses and checks a URL without resolving it.
   *
   * @return the parsed URL
   * @throws ForbiddenTargetException if it is not an http(s) URL or its host is refused
   */
  public HttpUrl check(String url) throws ForbiddenTargetException {
    HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
    if (parsed == null) {
      throw new ForbiddenTargetException(hostOf(url), notHttpReason(url));
    }
    check(parsed);
    return parsed;
  }

  /**
   * Checks a parsed URL without resolving it.
   *
   * @throws ForbiddenTargetException if its host is refused
   */
  public void check(HttpUrl url) throws ForbiddenTargetException {
    checkHost(url.host());
  }

  /**
   * A client derived from {@code client} that only connects to checked addresses: its {@code Dns}
   * wraps the client's own, every request's URL is checked, no proxy is used and redirects are not
   * followed. It shares the client's pool and dispatcher.
   */
  public OkHttpClient.Builder protect(OkHttpClient client) {
    Dns resolver = dns(client.dns());
    return client
        .newBuilder()
        .dns(resolver)
        .proxy(Proxy.NO_PROXY)
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(
            chain -> {
              check(chain.request().url());
              return chain.proceed(chain.request());
            });
  }

  /**
   * A resolver that asks {@code delegate} and returns its addresses only when every one of them
   * passes; otherwise it throws {@link ForbiddenTargetException}.
   */
  public Dns dns(Dns delegate) {
    return host -> {
      if (isAllowedName(host)) {
        return delegate.lookup(host);
      }
      checkHost(host);
      List<InetAddress> addresses = delegate.lookup(host);
      for (InetAddress a : addresses) {
        Optional<String> reason = refusal(a);
        if (reason.isPresent()) {
          throw new ForbiddenTargetException(host, "resolves to " + reason.get());
        }
      }
      return List.copyOf(addresses);
    };
  }

  private void checkHost(String rawHost) throws ForbiddenTargetException {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (isAllowedName(host)) {
      return;
    }
    Optional<InetAddress> literal = IpLiterals.parse(host);
    if (literal.isPresent()) {
      Optional<String> reason = refusal(literal.get());
      if (reason.isPresent()) {
        throw new ForbiddenTargetException(rawHost, "is " + reason.get());
      }
      return;
    }
    if (IpLiterals.isAmbiguousNumericHost(host)) {
      throw new ForbiddenTargetException(rawHost, "is a non-canonical numeric IPv4 form");
    }
    String name = withoutTrailingDot(host);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      throw new ForbiddenTargetException(rawHost, "is a loopback name");
    }
    if (name.isEmpty()) {
      throw new ForbiddenTargetException(rawHost, "is empty");
    }
  }

  private Optional<String> refusal(InetAddress address) {
    Optional<String> reason = SpecialAddresses.reason(address);
    if (reason.isPresent()) {
      for (Cidr range : allowedRanges) {
        if (range.contains(address)) {
          return Optional.empty();
        }
      }
    }
    return reason;
  }

  private boolean isAllowedName(String rawHost) {
    String host = withoutTrailingDot(rawHost.toLowerCase(Locale.ROOT));
    for (String allowed : allowedHosts) {
      if (allowed.startsWith("*.")
          ? host.endsWith(allowed.substring(1)) && host.length() > allowed.length() - 1
          : host.equals(allowed)) {
        return true;
      }
    }
    return false;
  }

  private static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static String notHttpReason(String url) {
    if (url == null || url.isBlank()) {
      return "is missing: the URL is empty";
    }
    int colon = url.indexOf(':');
    String scheme = colon > 0 ? url.substring(0, colon).strip() : "";
    if (!scheme.isEmpty()
        && scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")
        && !scheme.equalsIgnoreCase("http")
        && !scheme.equalsIgnoreCase("https")) {
      return "is refused: scheme '" + scheme.toLowerCase(Locale.ROOT) + "' is not http or https";
    }
    return "is refused: the URL is not an absolute http(s) URL";
  }

  private static String hostOf(String url) {
    try {
      String host = url == null ? null : URI.create(url.strip()).getHost();
      return host == null ? "" : host;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return "SsrfGuard[allowedHosts=" + allowedHosts + ", allowedRanges=" + allowedRanges + "]";
  }
}
