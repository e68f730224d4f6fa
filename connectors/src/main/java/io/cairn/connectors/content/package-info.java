/**
 * Message content: text templates with plain {@code ${var}} substitution (never evaluated) and the empty-value policy. Depends on nothing.
 */
package io.cairn.connectors.content;
