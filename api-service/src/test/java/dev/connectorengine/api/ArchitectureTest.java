package dev.connectorengine.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

class ArchitectureTest {

  private static final JavaClasses API =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.connectorengine.api");

  @Test
  void the_api_does_not_depend_on_the_worker() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.connectorengine.worker..")
        .check(API);
  }

  @Test
  void controllers_leave_sql_to_repositories() {
    noClasses()
        .that()
        .areAnnotatedWith(RestController.class)
        .should()
        .dependOnClassesThat()
        .areAssignableTo(JdbcClient.class)
        .check(API);
  }

  @Test
  void features_do_not_reach_into_each_others_repositories() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.connectorengine.api.auth..")
        .and()
        .resideOutsideOfPackage("dev.connectorengine.api.workspace..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("ApiKeyRepository")
        .check(API);
  }
}
