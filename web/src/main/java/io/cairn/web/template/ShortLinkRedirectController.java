package io.cairn.web.template;

import io.cairn.engine.template.ShortLinks;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /s/<code>/<token>}: the per-recipient URL in a message. No login (the signed token is
 * the credential). A valid click of an enabled link is recorded and answered 302 to the target,
 * never cached (each click counts); anything else is a plain 404 that redirects nowhere and does
 * not say why.
 */
@RestController
class ShortLinkRedirectController {

  private final ShortLinks links;

  ShortLinkRedirectController(ShortLinks links) {
    this.links = links;
  }

  @GetMapping("/s/{code}/{token}")
  ResponseEntity<Void> follow(@PathVariable String code, @PathVariable String token) {
    return links
        .click(code, token)
        .<ResponseEntity<Void>>map(
            target ->
                ResponseEntity.status(HttpStatus.FOUND)
                    .location(URI.create(target))
                    .cacheControl(CacheControl.noStore())
                    .header("Referrer-Policy", "no-referrer")
                    .build())
        .orElseGet(() -> ResponseEntity.notFound().cacheControl(CacheControl.noStore()).build());
  }
}
