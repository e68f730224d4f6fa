package io.cairn.web.template;

import io.cairn.engine.template.NewShortLink;
import io.cairn.engine.template.ShortLink;
import io.cairn.engine.template.ShortLinks;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Short links ({@code /api/short-links}). Messages use a link as {@code ${link:<code>}}; each
 * recipient gets their own signed URL. A link is never deleted (old messages keep pointing at it);
 * a disabled link's URLs answer 404.
 */
@RestController
@RequestMapping("/api/short-links")
class ShortLinkController {

  private final ShortLinks links;

  ShortLinkController(ShortLinks links) {
    this.links = links;
  }

  @GetMapping
  ShortLink.Page list(
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(ShortLinks.MAX_PAGE) int size) {
    return links.list(page, size);
  }

  /** 201 with the link and its generated {@code code}. */
  @PostMapping
  ResponseEntity<ShortLink> create(@RequestBody NewShortLink link) {
    ShortLink created = links.create(link);
    return ResponseEntity.created(URI.create("/api/short-links/" + created.id())).body(created);
  }

  /** The link with {@code clicks} and {@code uniqueClickers}. */
  @GetMapping("/{id}")
  ShortLink get(@PathVariable long id) {
    return links.get(id);
  }

  @PostMapping("/{id}/disable")
  ShortLink disable(@PathVariable long id) {
    return links.disable(id);
  }

  @PostMapping("/{id}/enable")
  ShortLink enable(@PathVariable long id) {
    return links.enable(id);
  }
}
