package dev.connectorengine.api;

import dev.connectorengine.model.messaging.Topics;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The whole api-service on the real PostgreSQL (a fresh database per class, see {@link
 * TestDatabase}, dropped by {@link FreshDatabaseCloser}) and an in-JVM Kafka broker (KRaft:
 * spring-kafka 4 has no other mode), one Spring context per class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FreshDatabaseCloser.class)
@SpringBootTest(
    properties = {
      "connector-engine.admin-token=" + ApiIntegrationTest.ADMIN_TOKEN,
      "connector-engine.kafka.partitions=2",
      "spring.kafka.admin.fail-fast=true",
      "logging.level.org.apache.kafka=warn",
      "logging.level.kafka=warn",
      "logging.level.state.change.logger=warn"
    })
@AutoConfigureMockMvc
@EmbeddedKafka(
    partitions = 2,
    topics = {Topics.EXECUTIONS, Topics.EXECUTIONS_DLQ, Topics.EXECUTION_EVENTS},
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface ApiIntegrationTest {

  String ADMIN_TOKEN = "test-admin-token-0123456789";
}
