package io.cairn.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every route needs HTTP Basic authentication except {@code /actuator/health}, the email
 * unsubscribe link {@code /api/unsubscribe} and short-link URLs {@code GET /s/<code>/<token>}
 * (their signed tokens are the credentials), the SMS
 * provider's reply callback {@code POST /api/channels/sms/replies} (its bearer token), and the
 * routes of the separate chains (event ingestion by write key, webhook receipts by signature);
 * user, workspace and webhook management need ADMIN (reading webhooks and workspaces also
 * MARKETER, who picks webhooks for journey nodes), everything else ADMIN or MARKETER. Which
 * workspace a request works in, and whether its user may, is {@link CurrentWorkspace}'s. Stateless: no sessions, and so no CSRF tokens
 * (no cookie is ever trusted). Paths the application does not serve ({@code /engine-rest/**}
 * among them: Camunda's REST API and webapps are not on the classpath) are refused with 401 to
 * anonymous callers and answer 404 to authenticated ones, which proves they are not served.
 */
@Configuration
class SecurityConfiguration {

  static final String REALM = "cairn";

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, ObjectMapper json) throws Exception {
    AuthenticationEntryPoint unauthenticated =
        (req, res, e) -> {
          res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
          problem(
              res,
              json,
              HttpStatus.UNAUTHORIZED,
              "unauthenticated",
              "Authentication required (HTTP Basic)");
        };
    AccessDeniedHandler forbidden =
        (req, res, e) ->
            problem(res, json, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this");
    http.csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(unauthenticated))
        .exceptionHandling(
            x -> x.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                    .permitAll()
                    // the signed token in the link is the credential (UnsubscribeController)
                    .requestMatchers("/api/unsubscribe")
                    .permitAll()
                    // per-recipient short-link URLs: the signed token is the credential
                    .requestMatchers(HttpMethod.GET, "/s/*/*")
                    .permitAll()
                    // the SMS provider's bearer token is checked by SmsReplyController
                    .requestMatchers(HttpMethod.POST, "/api/channels/sms/replies")
                    .permitAll()
                    .requestMatchers("/api/users", "/api/users/**")
                    .hasRole(Roles.ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/workspaces", "/api/workspaces/*")
                    .hasAnyRole(Roles.ADMIN, Roles.MARKETER)
                    .requestMatchers("/api/workspaces", "/api/workspaces/**")
                    .hasRole(Roles.ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/webhooks", "/api/webhooks/*")
                    .hasAnyRole(Roles.ADMIN, Roles.MARKETER)
                    .requestMatchers("/api/webhooks", "/api/webhooks/**")
                    .hasRole(Roles.ADMIN)
                    .anyRequest()
                    .hasAnyRole(Roles.ADMIN, Roles.MARKETER));
    return http.build();
  }

  static void problem(
      HttpServletResponse res, ObjectMapper json, HttpStatus status, String type, String detail)
      throws IOException {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:cairn:problem:" + type));
    res.setStatus(status.value());
    res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(res.getOutputStream(), p);
  }
}
