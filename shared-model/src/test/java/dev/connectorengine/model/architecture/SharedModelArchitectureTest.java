package dev.connectorengine.model.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.connectorengine.model",
    importOptions = ImportOption.DoNotIncludeTests.class)
class SharedModelArchitectureTest {

  @ArchTest
  static final ArchRule shared_model_uses_no_spring =
      noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

  @ArchTest
  static final ArchRule shared_model_knows_neither_the_api_nor_the_worker =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.connectorengine.api..", "dev.connectorengine.worker..");
}
