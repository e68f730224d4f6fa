package io.cairn.connectors.platform;

/**
 * A signature's review on the platform.
 *
 * @param signName the signature, without 【】
 * @param status in review, approved or rejected
 * @param reason the reviewer's note; empty unless rejected
 */
public record SignatureStatus(String signName, AuditStatus status, String reason) {}
