package io.cairn.engine.template;

import java.time.Instant;
import java.util.List;

/**
 * A short link: messages carry {@code ${link:<code>}}, which becomes one signed URL per
 * recipient; following it records a click and redirects to {@code targetUrl} while enabled.
 *
 * @param clicks verified clicks (page views)
 * @param uniqueClickers distinct recipients who clicked
 */
public record ShortLink(
    long id,
    String code,
    String name,
    String targetUrl,
    boolean enabled,
    long clicks,
    long uniqueClickers,
    Instant createdAt) {

  /** One page of short links, {@code page} from 0. */
  public record Page(List<ShortLink> items, long total, int page, int size) {}
}
