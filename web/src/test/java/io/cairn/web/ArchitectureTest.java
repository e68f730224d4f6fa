package io.cairn.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pins STYLE.md's layout: {@code web → engine → connectors}; connectors know nothing of Spring,
 * Camunda or the engine; only {@code engine.journey.internal} touches Camunda; a feature's {@code
 * internal} package is private to the feature; no util/common packages, no Impl classes, no field
 * injection.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("io.cairn");

  @Test
  void shouldSeeAllFourModules() {
    for (String pkg : new String[] {"io.cairn.connectors", "io.cairn.engine", "io.cairn.web"}) {
      assertThat(MAIN.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
          .as("classes of " + pkg + " imported")
          .isTrue();
    }
  }

  @Test
  void connectorsDependOnNoEngineWebSpringOrCamunda() {
    noClasses()
        .that()
        .resideInAPackage("io.cairn.connectors..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.cairn.engine..", "io.cairn.web..", "org.springframework..", "org.camunda..")
        .check(MAIN);
  }

  @Test
  void engineDoesNotDependOnWeb() {
    noClasses()
        .that()
        .resideInAPackage("io.cairn.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.cairn.web..")
        .check(MAIN);
  }

  @Test
  void processesDoNotDependOnWeb() {
    noClasses()
        .that()
        .resideInAPackage("io.cairn.processes..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.cairn.web..")
        .allowEmptyShould(true)
        .check(MAIN);
  }

  @Test
  void onlyJourneyInternalsTouchCamunda() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.cairn.engine.journey.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.camunda..")
        .check(MAIN);
  }

  @Test
  void internalPackagesArePrivateToTheirFeature() {
    internalsStayInFeature().check(MAIN);
  }

  @Test
  void internalRuleCatchesATrespasser() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.cairn.fixture");
    assertThatThrownBy(() -> internalsStayInFeature().check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Trespasser");
  }

  @Test
  void internalRuleLetsAFeatureUseItsOwnInternals() {
    JavaClasses beta = new ClassFileImporter().importPackages("io.cairn.fixture.beta");
    assertThat(beta.contain(io.cairn.fixture.beta.Front.class)).isTrue();
    internalsStayInFeature().check(beta);
  }

  @Test
  void noDumpingGroundsNoImplNoFieldInjection() {
    noClasses()
        .should()
        .resideInAnyPackage("..util..", "..common..", "..utils..", "..helpers..")
        .check(MAIN);
    noClasses().should().haveSimpleNameEndingWith("Impl").check(MAIN);
    fields().should().notBeAnnotatedWith(Autowired.class).check(MAIN);
  }

  /** {@code io.cairn.<module>.<feature>.internal..} is used only by {@code io.cairn.<module>.<feature>..}. */
  private static ArchRule internalsStayInFeature() {
    return classes()
        .should(
            new ArchCondition<JavaClass>("only use internal packages of their own feature") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                String own = feature(origin.getPackageName());
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                  String target = d.getTargetClass().getPackageName();
                  if (target.startsWith("io.cairn.")
                      && target.contains(".internal")
                      && !feature(target).equals(own)) {
                    events.add(SimpleConditionEvent.violated(origin, d.getDescription()));
                  }
                }
              }
            });
  }

  /** {@code io.cairn.<module>.<feature>} of a package (or the package itself when shorter). */
  private static String feature(String pkg) {
    String[] parts = pkg.split("\\.");
    return parts.length < 4 ? pkg : String.join(".", parts[0], parts[1], parts[2], parts[3]);
  }
}
