package io.cairn.web.delivery;

import io.cairn.engine.delivery.UnsubscribeLinks;
import io.cairn.engine.problem.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of every email ({@code /api/unsubscribe?t=…}). It needs no login: the
 * signed token is the credential, and it can only add its own address to a suppression list.
 *
 * <ul>
 *   <li>{@code POST} unsubscribes: mail clients' one-click button (RFC 8058, body {@code
 *       List-Unsubscribe=One-Click}) and the confirmation form;
 *   <li>{@code GET} only shows that form, because link scanners of mail providers open every link
 *       of a message, and a GET that unsubscribed would unsubscribe people who never clicked.
 * </ul>
 */
@RestController
@RequestMapping("/api/unsubscribe")
class UnsubscribeController {

  private final UnsubscribeLinks links;

  UnsubscribeController(UnsubscribeLinks links) {
    this.links = links;
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  String confirm(@RequestParam("t") String token) {
    String t = HtmlUtils.htmlEscape(token);
    return page(
        "<p>Stop receiving these emails?</p><form method=\"post\" action=\"?t="
            + t
            + "\"><button type=\"submit\">Unsubscribe</button></form>");
  }

  @PostMapping(produces = MediaType.TEXT_HTML_VALUE)
  String unsubscribe(@RequestParam("t") String token) {
    links
        .unsubscribe(token)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "invalid-unsubscribe-link", "t", "the unsubscribe link is not valid"));
    return page("<p>You are unsubscribed. You will not receive these emails any more.</p>");
  }

  private static String page(String body) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head>"
        + "<body>"
        + body
        + "</body></html>";
  }
}
