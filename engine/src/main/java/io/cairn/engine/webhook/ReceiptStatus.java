package io.cairn.engine.webhook;

/**
 * One status a webhook's receipts may report (the reference's "状态code → 状态值" pair).
 *
 * @param code the receiver's status code, e.g. {@code 200}
 * @param name its display name, e.g. {@code 成功}; a failure's reason in the ledger
 * @param delivered true when the status means the message was delivered; otherwise it failed
 */
public record ReceiptStatus(String code, String name, boolean delivered) {}
