/**
 * SMS: node settings, the signature format and the generic HTTP gateway connector. Depends on channel, OkHttp, Jackson.
 */
package io.cairn.connectors.sms;
