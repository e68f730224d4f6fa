/**
 * The delivery ledger: one row per recipient per action execution, the dispatcher that delivers rows through connectors, and connector configuration. Owns cairn_action_execution, cairn_delivery. Depends on profile (addresses, variables) and connectors.
 */
package io.cairn.engine.delivery;
