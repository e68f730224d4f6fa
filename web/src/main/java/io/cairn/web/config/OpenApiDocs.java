package io.cairn.web.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at {@code /v3/api-docs} and {@code /swagger-ui/index.html}. */
@Configuration
class OpenApiDocs {

  static final String BASIC = "basic";

  @Bean
  OpenAPI cairnOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Cairn API")
                .version("v1")
                .description(
                    "Profiles and tags, rule segments, journeys (BPMN) and the delivery sandbox."
                        + " Every route needs HTTP Basic authentication; /api/users needs ADMIN."
                        + " Errors are RFC 9457 problems (application/problem+json) whose type is"
                        + " urn:cairn:problem:<slug>."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC,
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }
}
