package dev.connectorengine.worker.testdata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * The whole worker in a Spring context of its own, on a fresh migrated database that is dropped as
 * the context closes, with a fresh credentials keyset.
 *
 * <p>Fixtures go through the database's owner, past row-level security: {@code @Autowired @Owner
 * JdbcClient jdbc}; the worker's own {@code JdbcClient} stays the one injected by type, acting as
 * {@code connector_engine_worker}. The {@link dev.connectorengine.testsupport.FreshDatabase} itself
 * is a bean too.
 *
 * <p>A test class adds its settings through {@link #properties()}, configurations with
 * {@code @Import} (e.g. {@link NoBrokerEvents}), a broker with {@code @EmbeddedKafka}, and replaces
 * a bean (say a {@code Clock}) with {@code @TestBean} or a {@code @Primary} one. The third-party
 * API is WireMock's JUnit extension in each class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final WireMockExtension API =
 *     WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
 * }</pre>
 *
 * <p>The context closes after the class (its sweeper, heartbeat and listeners would otherwise go on
 * running beside the next classes' workers), and the database is dropped after they stopped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ContextCustomizerFactories(FreshDatabaseCustomizerFactory.class)
public @interface WorkerSpringTest {

  /** This class's settings, as in {@link SpringBootTest#properties()}. */
  @AliasFor(annotation = SpringBootTest.class)
  String[] properties() default {};

  /** No server unless the test calls one (e.g. the actuator on a random port). */
  @AliasFor(annotation = SpringBootTest.class)
  WebEnvironment webEnvironment() default WebEnvironment.NONE;
}
