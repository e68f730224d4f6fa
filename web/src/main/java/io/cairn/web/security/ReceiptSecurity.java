package io.cairn.web.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code POST /api/webhooks/receipts} and nothing else is open to callers without a Cairn account:
 * webhook receivers authenticate each report with their webhook's signature, which the endpoint
 * verifies before anything is applied (it answers 401 otherwise). No user credentials are read
 * there, no session is made; every other route, including other methods on the same path, stays on
 * the Basic-auth chain.
 */
@Configuration
class ReceiptSecurity {

  static final String RECEIPTS = "/api/webhooks/receipts";

  @Bean
  @Order(2)
  SecurityFilterChain receiptFilterChain(HttpSecurity http) throws Exception {
    http.securityMatcher(
            req ->
                "POST".equals(req.getMethod())
                    && RECEIPTS.equals(
                        req.getRequestURI().substring(req.getContextPath().length())))
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .anonymous(a -> {})
        .authorizeHttpRequests(a -> a.anyRequest().permitAll());
    return http.build();
  }
}
