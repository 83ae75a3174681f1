package dev.orderflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security guards our own doors: {@code /api/**} (HTTP Basic, roles {@value #ORDER_API} and {@value #STAFF}),
 * the tracking page {@code /track/**} (no login: its link's token; CSRF and a Content Security Policy), and
 * {@code /actuator/**}. Camunda's webapps and {@code /engine-rest} bring their own authentication, so the last
 * chain leaves them to it; their hardening (authentication of {@code /engine-rest}, staff grants, refusals inside
 * the engine) is in the package {@code dev.orderflow.fulfillment.engine}. Every place that guards the service is
 * listed in docs/security.md, "Where the security lives".
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ORDER_API = ApiRoles.ORDER_API;
    static final String STAFF = ApiRoles.STAFF;

    /**
     * No observations inside Spring Security: with {@code management.observations.enable.spring.security: false}
     * alone, the filter chain still wrapped each of its filters in an observation context and asked the predicate
     * per filter on every request, only to drop the result. The request's own timing ({@code http_server_requests})
     * is unaffected. Only while those observations are off (bench/camunda-out-of-the-box.yaml turns them on for
     * the reference run, as the starter ships).
     */
    @Bean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = basicAuthProblem(json,
                "this endpoint needs HTTP Basic credentials of an API user");
        AccessDeniedHandler forbidden = forbidden(json);
        return http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // the courier signs its webhook calls instead (HMAC over the body)
                        .requestMatchers(HttpMethod.POST, "/api/shipments/*/events").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/inventory/*/restock").hasRole(STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/inventory/*/adjustments").hasRole(STAFF)
                        .requestMatchers("/api/orders/*/pick-list").hasRole(STAFF)
                        .requestMatchers("/api/process", "/api/process/**").hasRole(STAFF)
                        // the catalog: read by storefronts, maintained by staff (no DELETE: 405 for staff)
                        .requestMatchers(HttpMethod.GET, "/api/products", "/api/products/**")
                        .hasAnyRole(ORDER_API, STAFF)
                        // HEAD is a GET without its body: allowed wherever GET is
                        .requestMatchers(HttpMethod.HEAD, "/api/products", "/api/products/**")
                        .hasAnyRole(ORDER_API, STAFF)
                        .requestMatchers("/api/products", "/api/products/**").hasRole(STAFF)
                        .requestMatchers("/api/inventory", "/api/inventory/**").hasAnyRole(ORDER_API, STAFF)
                        .anyRequest().hasRole(ORDER_API))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .build();
    }

    /**
     * The customer's tracking page: no login (the link's token is the key, checked by the page itself), but
     * its one form is protected against cross-site request forgery, and the page loads nothing from elsewhere.
     */
    @Bean
    @Order(2)
    SecurityFilterChain trackingPageSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/track/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.NO_REFERRER)))
                .requestCache(cache -> cache.disable())
                .build();
    }

    /** Health for everyone (status only; details for STAFF), metrics for STAFF: scrape with Basic auth. */
    @Bean
    @Order(3)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        return http
                .securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().hasRole(STAFF))
                .httpBasic(basic -> basic.authenticationEntryPoint(basicAuthProblem(json,
                        "metrics need HTTP Basic credentials of a STAFF user")))
                .exceptionHandling(errors -> errors.accessDeniedHandler(forbidden(json)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        // Camunda webapps (/camunda/**) and /engine-rest authenticate with Camunda's identity service and
        // carry Camunda's own CSRF filter; actuator exposes health only.
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .build();
    }

    /** Spring Security's strict firewall, refusing also characters a URI may not hold unencoded. */
    @Bean
    HttpFirewall firewall() {
        return new UriCharactersFirewall();
    }

    /**
     * Spring Security's firewall refuses suspicious requests before any chain: {@code //}, encoded {@code .},
     * {@code /}, {@code \} or {@code %}, path parameters ({@code ;}), control characters, characters a URI may not
     * hold unencoded ({@code {}, {@code |}), unusual methods. Its 400 speaks the door's language: Problem Details
     * under {@code /api}, Camunda's {@code {type, message}} under {@code /engine-rest} and {@code /camunda/api},
     * the error page elsewhere.
     */
    @Bean
    RequestRejectedHandler firewallRejections(ObjectMapper json) {
        return (request, response, rejected) -> {
            String uri = request.getRequestURI();
            if (ApiPaths.isApi(uri)) {
                writeProblem(json, response, HttpStatus.BAD_REQUEST, "Malformed request",
                        "the request's path, method or headers are not allowed (for example '//', '%2F', '%2e', ';',"
                                + " '\\', '{', '|', control characters)");
            } else if (uri != null && (uri.startsWith("/engine-rest") || uri.startsWith("/camunda/api"))) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                json.writeValue(response.getOutputStream(), java.util.Map.of("type", "RestException", "message",
                        "The request was rejected: its path, method or headers are not allowed"));
            } else {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        };
    }

    @Bean
    UserDetailsService apiUsers(SecurityProperties properties, PasswordEncoder encoder) {
        return new InMemoryUserDetailsManager(List.of(
                User.withUsername("storefront").password(encoder.encode(properties.storefrontPassword()))
                        .roles(ORDER_API).build(),
                User.withUsername("staff").password(encoder.encode(properties.staffPassword()))
                        .roles(STAFF, ORDER_API).build()));
    }

    /**
     * API passwords come from the environment and live only in memory, so a slow hash (bcrypt) would guard
     * nothing at rest while costing tens of milliseconds of CPU on every API request. A SHA-256 digest
     * compared in constant time keeps plain text out of the user store and keeps requests fast.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return HexFormat.of().formatHex(sha256(rawPassword));
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return encodedPassword != null
                        && MessageDigest.isEqual(sha256(rawPassword), HexFormat.of().parseHex(encodedPassword));
            }
        };
    }

    private static byte[] sha256(CharSequence text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * 403 as Problem Details naming the role the endpoint needs and the roles the API user has ("this endpoint
     * needs role STAFF; your API user has ORDER_API"), so that a storefront's developer sees at once that the call
     * belongs to staff. The needed roles come from the rule that refused (Spring Security's decision).
     */
    private static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, ex) -> {
            List<String> needed = ex instanceof AuthorizationDeniedException denied
                    && denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision decision
                    ? roles(decision.getAuthorities()) : List.of();
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            List<String> has = user == null ? List.of() : roles(user.getAuthorities());
            String detail = needed.isEmpty() ? "your API user lacks the role this endpoint needs"
                    : "this endpoint needs role " + String.join(" or ", needed)
                    + "; your API user has " + (has.isEmpty() ? "no role" : String.join(", ", has));
            writeProblem(json, response, HttpStatus.FORBIDDEN, "Forbidden", detail);
        };
    }

    private static List<String> roles(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length())).sorted().toList();
    }

    /** 401 as Problem Details, asking for HTTP Basic. */
    private static AuthenticationEntryPoint basicAuthProblem(ObjectMapper json, String detail) {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"orderflow\"");
            writeProblem(json, response, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
        };
    }

    private static void writeProblem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        ProblemDetail body = ApiExceptionHandler.problem(status, title, detail, List.of());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}
