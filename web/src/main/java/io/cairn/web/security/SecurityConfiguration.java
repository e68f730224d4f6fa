package io.cairn.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API route needs HTTP Basic authentication; only health is public; anything not listed is
 * denied. Stateless, so no sessions and no CSRF tokens (no cookies are ever trusted).
 */
@Configuration
class SecurityConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(
            b ->
                b.realmName("cairn")
                    .authenticationEntryPoint(
                        (req, res, e) -> {
                          res.setHeader("WWW-Authenticate", "Basic realm=\"cairn\"");
                          problem(res, json, HttpStatus.UNAUTHORIZED, "unauthenticated",
                              "Authentication required (HTTP Basic)");
                        }))
        .exceptionHandling(
            x ->
                x.accessDeniedHandler(
                    (req, res, e) ->
                        problem(res, json, HttpStatus.FORBIDDEN, "forbidden",
                            "Your role does not allow this")))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health", "/error")
                    .permitAll()
                    .requestMatchers("/api/users/**")
                    .hasRole("ADMIN")
                    .requestMatchers("/api/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                    .hasAnyRole("ADMIN", "MARKETER")
                    .anyRequest()
                    .denyAll());
    return http.build();
  }

  private static void problem(
      HttpServletResponse res, ObjectMapper json, HttpStatus status, String type, String detail)
      throws IOException {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:cairn:problem:" + type));
    res.setStatus(status.value());
    res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(res.getOutputStream(), p);
  }
}
