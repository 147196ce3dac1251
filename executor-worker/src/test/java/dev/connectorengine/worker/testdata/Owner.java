package dev.connectorengine.worker.testdata;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Asks a {@link WorkerSpringTest} for the {@code JdbcClient} of its database's owner (see {@link
 * OwnerJdbc}), not the worker's: {@code @Autowired @Owner JdbcClient jdbc}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface Owner {}
