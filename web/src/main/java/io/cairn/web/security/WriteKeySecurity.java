package io.cairn.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.event.EventSource;
import io.cairn.engine.event.EventSources;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code POST /api/events} is authenticated by an event source's write key ({@code Authorization:
 * Bearer <key>}) and nothing else: a write key can only append events of its own source, and user
 * passwords are not accepted there (SDKs embed write keys; they must not need a user's password).
 */
@Configuration
class WriteKeySecurity {

  static final String EVENT_WRITER = "EVENT_WRITER";

  @Bean
  @Order(1)
  SecurityFilterChain writeKeyFilterChain(HttpSecurity http, ObjectMapper json, EventSources sources)
      throws Exception {
    http.securityMatcher(
            req -> "POST".equals(req.getMethod())
                && "/api/events".equals(req.getRequestURI().substring(req.getContextPath().length())))
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(c -> c.disable())
        .addFilterBefore(new WriteKeyFilter(sources), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            x -> x.authenticationEntryPoint(
                (req, res, e) -> {
                  res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cairn-events\"");
                  SecurityConfiguration.problem(res, json, HttpStatus.UNAUTHORIZED, "unauthenticated",
                      "An event source's write key is required (Authorization: Bearer <write key>)");
                }))
        .authorizeHttpRequests(a -> a.anyRequest().hasRole(EVENT_WRITER));
    return http.build();
  }

  /** Puts the source of a valid write key into the security context. */
  private static final class WriteKeyFilter extends OncePerRequestFilter {
    private final EventSources sources;

    WriteKeyFilter(EventSources sources) {
      this.sources = sources;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
        throws ServletException, IOException {
      String header = req.getHeader(HttpHeaders.AUTHORIZATION);
      if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        Optional<EventSource> source = sources.authenticate(header.substring(7));
        source.ifPresent(
            s -> SecurityContextHolder.getContext().setAuthentication(
                new PreAuthenticatedAuthenticationToken(
                    s, null, List.of(new SimpleGrantedAuthority("ROLE_" + EVENT_WRITER)))));
      }
      chain.doFilter(req, res);
    }
  }
}
