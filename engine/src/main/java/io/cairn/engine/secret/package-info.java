/**
 * Secrets Cairn must keep readable to use them (webhook signing secrets): sealed with AES-256-GCM
 * under the operator's key before they reach the database ({@link
 * io.cairn.engine.secret.SecretBox}), and Cairn's own signing keys ({@link
 * io.cairn.engine.secret.SigningKeys}, kept in cairn_secret). Owns the key file of the embedded
 * installation. Depends on nothing but the JDK and Spring.
 */
package io.cairn.engine.secret;
