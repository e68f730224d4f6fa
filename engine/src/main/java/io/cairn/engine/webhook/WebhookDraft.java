package io.cairn.engine.webhook;

import java.util.List;

/**
 * What an administrator sends to create or change a webhook. Every field is checked; the errors
 * name the field ({@code url}, {@code parameters[1].name} …).
 *
 * @param name unique display name, 1–128 characters
 * @param url an http(s) URL that the SSRF guard accepts (no loopback, private or link-local target
 *     unless the operator's allow-list says so)
 * @param signing {@code STANDARD_WEBHOOKS} (default) or {@code SORTED_KEY} (the reference's scheme)
 * @param secret the signing secret; {@code null} to generate one ({@code whsec_…}) on create, or to
 *     keep the current one on change. A Standard Webhooks secret is {@code whsec_<base64 of 24+
 *     bytes>}; a sorted-key secret is 16–256 characters without white space
 * @param idTypes identity codes the receiver accepts; at least one
 * @param parameters the parameters it expects; names unique
 * @param receipts receipt settings; {@code null} for none
 * @param timeoutSeconds the limit for one request, 1–60; {@code null} means 10
 */
public record WebhookDraft(
    String name,
    String url,
    String signing,
    String secret,
    List<String> idTypes,
    List<WebhookParameter> parameters,
    ReceiptSettings receipts,
    Integer timeoutSeconds) {

  @Override
  public String toString() {
    return "WebhookDraft[name=" + name + ", signing=" + signing + ", secret=***]";
  }
}
