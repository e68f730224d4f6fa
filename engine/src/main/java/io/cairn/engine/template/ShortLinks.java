package io.cairn.engine.template;

import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.NotFoundException;
import io.cairn.engine.problem.Violation;
import io.cairn.engine.template.internal.ShortLinkClicks;
import io.cairn.engine.template.internal.ShortLinkStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Short links (the reference's 短链管理 with per-recipient short params). A message's {@code
 * ${link:<code>}} becomes {@code <cairn.public-url>/s/<code>/<token>} for each recipient, the
 * token signed so that it can be neither forged nor enumerated ({@code LinkTokens}). Following a
 * valid URL of an enabled link records a click, stored as a {@code link_click} event of the
 * recipient (source {@code cairn}), and redirects to the target; anything else redirects nowhere.
 *
 * <p>Thread-safe. Errors: {@link InvalidInputException} naming the field, {@link
 * NotFoundException}.
 */
@Service
public class ShortLinks {

  /** The largest page size of {@link #list}. */
  public static final int MAX_PAGE = 500;

  static final int MAX_URL = 2_048;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,16}");
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final int CODE_LENGTH = 7;

  private final ShortLinkStore store;
  private final ShortLinkClicks clicks;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ShortLinks(ShortLinkStore store, ShortLinkClicks clicks, Clock clock) {
    this.store = store;
    this.clicks = clicks;
    this.clock = clock;
  }

  /** Creates an enabled link with a generated code. */
  public ShortLink create(NewShortLink link) {
    String name = link == null || link.name() == null ? "" : link.name().strip();
    List<Violation> v = new ArrayList<>();
    if (name.isEmpty() || name.length() > 128) {
      v.add(new Violation("name", "a name has 1 to 128 characters"));
    }
    String url = link == null ? null : link.targetUrl();
    urlProblem(url).ifPresent(p -> v.add(new Violation("targetUrl", p)));
    if (!v.isEmpty()) {
      throw new InvalidInputException("invalid-short-link", "the short link is not valid", v);
    }
    for (int attempt = 0; ; attempt++) {
      String code = newCode();
      try {
        store.insert(code, name, url.strip(), clock.instant());
        return store.findByCode(code).orElseThrow();
      } catch (DuplicateKeyException taken) {
        if (attempt == 5) {
          throw new IllegalStateException("no free short-link code after 6 attempts", taken);
        }
      }
    }
  }

  public ShortLink.Page list(int page, int size) {
    return store.list(page, size);
  }

  /** A link with its click counts. */
  public ShortLink get(long id) {
    return store.find(id).orElseThrow(() -> new NotFoundException("short link", id));
  }

  /** Stops a link redirecting (its URLs then answer 404); its clicks stay. */
  public ShortLink disable(long id) {
    get(id);
    store.setEnabled(id, false);
    return get(id);
  }

  public ShortLink enable(long id) {
    get(id);
    store.setEnabled(id, true);
    return get(id);
  }

  /**
   * Follows a per-recipient URL: records the click and answers the target.
   *
   * @return empty (and nothing recorded) when the code is unknown, the link disabled or the token
   *     not valid for this link
   */
  public Optional<String> click(String code, String token) {
    if (code == null || !CODE.matcher(code).matches()) {
      return Optional.empty();
    }
    return clicks.click(code, token);
  }

  /** Why a target URL is refused, or empty: absolute http(s), a host, no credentials. */
  static Optional<String> urlProblem(String url) {
    if (url == null || url.isBlank()) {
      return Optional.of("a target URL is required");
    }
    String u = url.strip();
    if (u.length() > MAX_URL) {
      return Optional.of("at most " + MAX_URL + " characters");
    }
    if (u.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
      return Optional.of("no spaces or control characters (percent-encode them)");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      return Optional.of("not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http and https URLs");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("the URL needs a host name");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("no user name or password in the URL");
    }
    return Optional.empty();
  }

  private String newCode() {
    char[] c = new char[CODE_LENGTH];
    for (int i = 0; i < c.length; i++) {
      c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }
}
