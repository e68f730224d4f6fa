/**
 * Message content: {@link io.cairn.connectors.content.TextTemplate}, plain {@code ${var}}
 * substitution that never evaluates anything, and the {@link
 * io.cairn.connectors.content.EmptyValuePolicy} for variables without a value. The engine renders
 * each recipient's text with it before calling a connector.
 *
 * <p>Depends only on the JDK.
 */
package io.cairn.connectors.content;
