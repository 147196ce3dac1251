package dev.connectorengine.worker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.connectorengine.worker",
    importOptions = ImportOption.DoNotIncludeTests.class)
class WorkerArchitectureTest {

  @ArchTest
  static final ArchRule worker_has_no_web_api =
      noClasses()
          .that()
          .resideInAPackage("dev.connectorengine.worker..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.web..", "jakarta.servlet..")
          .because("the worker serves actuator only; it has no web API of its own");

  @ArchTest
  static final ArchRule worker_does_not_reach_into_the_api =
      noClasses()
          .that()
          .resideInAPackage("dev.connectorengine.worker..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.connectorengine.api..");

  @ArchTest
  static final ArchRule execution_records_do_not_know_how_runs_are_run_or_dispatched =
      noClasses()
          .that()
          .resideInAPackage("..worker.execution..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..worker.run..", "..worker.dispatch..", "org.apache.kafka..");

  @ArchTest
  static final ArchRule runs_do_not_know_about_kafka =
      noClasses()
          .that()
          .resideInAnyPackage("..worker.run..", "..worker.connector..", "..worker.credential..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "..worker.dispatch..", "org.apache.kafka..", "org.springframework.kafka..");

  @ArchTest
  static final ArchRule only_dispatch_and_events_talk_to_kafka =
      noClasses()
          .that()
          .resideInAPackage("dev.connectorengine.worker..")
          .and()
          .resideOutsideOfPackages("..worker.dispatch..", "..worker.events..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
          .because("jobs and events leave through JobPublisher and the event sink");
}
