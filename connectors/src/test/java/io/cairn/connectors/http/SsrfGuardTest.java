package io.cairn.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import okhttp3.Dns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

  private final SsrfGuard strict = SsrfGuard.strict();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          http://127.0.0.1/hook                        | is a loopback address
          http://127.255.255.254:8080/                 | is a loopback address
          HTTP://LOCALHOST/                            | is a loopback name
          http://localhost./                           | is a loopback name
          http://api.localhost:9000/x                  | is a loopback name
          http://0x7f.1/                               | is a non-canonical numeric IPv4 form
          http://2130706433/                           | is a non-canonical numeric IPv4 form
          http://0177.0.0.1/                           | is a non-canonical numeric IPv4 form
          http://127.1/                                | is a non-canonical numeric IPv4 form
          http://0x7f000001/                           | is a non-canonical numeric IPv4 form
          http://127.0.0.1.nip.0x1/                    | is a non-canonical numeric IPv4 form
          http://%31%32%37.0.0.1/                      | is a loopback address
          http://１２７.０.０.１/                        | is a loopback address
          http://[::1]/                                | is a loopback address
          http://[0:0:0:0:0:0:0:1]:80/                 | is a loopback address
          http://[::ffff:127.0.0.1]/                   | is a loopback address
          http://[::ffff:7f00:1]/                      | is a loopback address
          http://[::ffff:a9fe:a9fe]/latest/meta-data/  | is a link-local address
          http://[::127.0.0.1]/                        | is an IPv4-compatible address
          http://[64:ff9b::a00:1]/                     | is the NAT64 form of a private address
          http://[2002:c0a8:101::1]/                   | is the 6to4 form of a private address
          http://[2001:0:4136:e378::1]/                | is a Teredo address
          http://10.0.0.1/                             | is a private address
          http://172.16.5.4/                           | is a private address
          http://172.31.255.255/                       | is a private address
          http://192.168.1.1/                          | is a private address
          http://169.254.169.254/latest/meta-data/     | is a link-local address
          http://100.64.0.1/                           | is a carrier-grade NAT address
          http://100.127.255.255/                      | is a carrier-grade NAT address
          http://0.0.0.0:8080/                         | is an unspecified address
          http://[::]/                                 | is an unspecified address
          http://224.0.0.1/                            | is a multicast address
          http://[ff02::1]/                            | is a multicast address
          http://[fc00::1]/                            | is a private address
          http://[fd00:ec2::254]/                      | is a private address
          http://[fe80::1]/                            | is a link-local address
          http://255.255.255.255/                      | is a reserved address
          """)
  void shouldRefuseInternalTargets(String url, String reason) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageEndingWith(reason)
        .satisfies(e -> assertThat(((ForbiddenTargetException) e).reason()).isEqualTo(reason));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/file",
        "FILE:///etc/passwd",
        "gopher://example.com:70/",
        "javascript:alert(1)",
        "ws://example.com/socket"
      })
  void shouldRefuseSchemesOtherThanHttp(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageContaining("is not http or https");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "not a url", "//example.com/x", "http://", "http://exa mple.com"})
  void shouldRefuseWhatIsNotAnAbsoluteHttpUrl(String url) {
    assertThatThrownBy(() -> strict.check(url)).isInstanceOf(ForbiddenTargetException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/hook",
        "HTTPS://Example.COM./x",
        "hTtP://hooks.example.org:8443/a?b=c",
        "http://8.8.8.8/",
        "http://172.32.0.1/",
        "http://100.128.0.1/",
        "http://192.169.0.1/",
        "http://11.0.0.1/",
        "http://[2606:4700:4700::1111]/",
        "http://[64:ff9b::808:808]/",
        "http://1password.example/"
      })
  void shouldAllowPublicTargets(String url) {
    assertThatCode(() -> strict.check(url)).doesNotThrowAnyException();
  }

  @Test
  void shouldNameTheHostButNotThePathOrQuery() {
    assertThatThrownBy(() -> strict.check("http://user:pw@10.0.0.7:81/hook?token=s3cret"))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessage("outbound request refused: host '10.0.0.7' is a private address")
        .satisfies(e -> assertThat(((ForbiddenTargetException) e).host()).isEqualTo("10.0.0.7"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8080/",
        "http://LOCALHOST.:8080/",
        "http://10.1.2.3/",
        "http://[::ffff:10.1.0.5]/",
        "http://crm.corp.example/",
        "http://a.b.corp.example/",
        "http://[::1]/",
        "http://[fd00:1::5]/"
      })
  void shouldAllowWhatTheOperatorAllowed(String url) {
    SsrfGuard guard =
        SsrfGuard.allowing(
            List.of("localhost", "10.1.0.0/16", "*.corp.example", "::1", "fd00:1::/32"));

    assertThatCode(() -> guard.check(url)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://10.2.0.1/", "http://127.0.0.1/", "http://[fd00:2::5]/", "http://0x7f.1/"})
  void shouldStillRefuseWhatTheAllowListDoesNotCover(String url) {
    SsrfGuard guard =
        SsrfGuard.allowing(List.of("localhost", "10.1.0.0/16", "*.corp.example", "fd00:1::/32"));

    assertThatThrownBy(() -> guard.check(url)).isInstanceOf(ForbiddenTargetException.class);
  }

  @Test
  void shouldNotLetAWildcardMatchTheBareDomainOrASuffixLookAlike() throws Exception {
    SsrfGuard guard = SsrfGuard.allowing(List.of("*.corp.example"));
    Dns toPrivate = host -> List.of(InetAddress.getByName("10.0.0.1"));

    assertThatThrownBy(() -> guard.dns(toPrivate).lookup("corp.example"))
        .isInstanceOf(ForbiddenTargetException.class);
    assertThatThrownBy(() -> guard.dns(toPrivate).lookup("evilcorp.example"))
        .isInstanceOf(ForbiddenTargetException.class);
    assertThat(guard.dns(toPrivate).lookup("crm.corp.example")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "foo bar", "http://x", "::1/129", "1.2.3.4/x"})
  void shouldRefuseAnInvalidAllowList(String entry) {
    assertThatThrownBy(() -> SsrfGuard.allowing(List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReturnEveryResolvedAddressWhenAllArePublic() throws Exception {
    List<InetAddress> answer =
        List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("2606:2800:21f::1"));

    assertThat(strict.dns(host -> answer).lookup("hooks.example.com")).isEqualTo(answer);
  }

  @Test
  void shouldRefuseANameWhenAnyResolvedAddressIsInternal() throws Exception {
    Map<String, List<InetAddress>> zone =
        Map.of(
            "mixed.example",
            List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.9.8.7")),
            "mapped.example",
            List.of(
                Inet6Address.getByAddress(
                    "mapped.example",
                    new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1},
                    -1)),
            "metadata.example",
            List.of(InetAddress.getByName("169.254.169.254")));
    Dns guarded = strict.dns(zone::get);

    assertThatThrownBy(() -> guarded.lookup("mixed.example"))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessage("outbound request refused: host 'mixed.example' resolves to a private address")
        .hasMessageNotContaining("10.9.8.7");
    assertThatThrownBy(() -> guarded.lookup("mapped.example"))
        .hasMessageEndingWith("resolves to a loopback address");
    assertThatThrownBy(() -> guarded.lookup("metadata.example"))
        .hasMessageEndingWith("resolves to a link-local address");
  }

  @Test
  void shouldCheckEveryLookupSoThatARebindingNameIsCaughtAtConnectTime() throws Exception {
    InetAddress[] answers = {
      InetAddress.getByName("93.184.215.14"), InetAddress.getByName("127.0.0.1")
    };
    int[] lookups = {0};
    Dns rebinding = host -> List.of(answers[Math.min(lookups[0]++, 1)]);
    Dns guarded = strict.dns(rebinding);

    assertThatCode(() -> strict.check("http://rebind.example/hook")).doesNotThrowAnyException();
    assertThat(guarded.lookup("rebind.example")).containsExactly(answers[0]);
    assertThatThrownBy(() -> guarded.lookup("rebind.example"))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageEndingWith("resolves to a loopback address");
  }

  @Test
  void shouldRefuseLoopbackNamesWithoutAskingTheResolver() {
    Dns mustNotBeAsked =
        host -> {
          throw new AssertionError("resolver asked for " + host);
        };

    assertThatThrownBy(() -> strict.dns(mustNotBeAsked).lookup("localhost."))
        .isInstanceOf(ForbiddenTargetException.class);
    assertThatThrownBy(() -> strict.dns(mustNotBeAsked).lookup("2130706433"))
        .isInstanceOf(ForbiddenTargetException.class);
  }

  @Test
  void shouldLetAResolutionFailureThroughAsItIs() {
    UnknownHostException noSuchHost = new UnknownHostException("nx.example");

    assertThatThrownBy(
            () ->
                strict
                    .dns(
                        host -> {
                          throw noSuchHost;
                        })
                    .lookup("nx.example"))
        .isSameAs(noSuchHost);
  }

  @Test
  void shouldTrustAnAllowedNameWithWhateverItResolvesTo() throws Exception {
    SsrfGuard guard = SsrfGuard.allowing(List.of("crm.internal"));
    List<InetAddress> internal = List.of(InetAddress.getByName("10.0.0.5"));

    assertThat(guard.dns(host -> internal).lookup("CRM.internal.")).isEqualTo(internal);
  }

  @Test
  void shouldAdmitResolvedAddressesInAnAllowedRange() throws Exception {
    SsrfGuard guard = SsrfGuard.allowing(List.of("10.20.0.0/16"));

    assertThat(guard.dns(host -> List.of(InetAddress.getByName("10.20.1.1"))).lookup("a.example"))
        .hasSize(1);
    assertThatThrownBy(
            () ->
                guard.dns(host -> List.of(InetAddress.getByName("10.21.1.1"))).lookup("a.example"))
        .isInstanceOf(ForbiddenTargetException.class);
  }
}
