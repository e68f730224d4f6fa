/**
 * The demo workspace loaded on first start, and the synthetic population it (and the tests and benchmarks) use.
 */
package io.cairn.web.demo;
