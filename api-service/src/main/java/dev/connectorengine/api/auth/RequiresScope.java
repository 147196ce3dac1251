package dev.connectorengine.api.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope an API call needs. Every handler method of {@code /api/v1/**} (the admin call aside)
 * carries one: the annotations are the scope table, checked by {@link ScopeInterceptor}, and the
 * application refuses to start when a handler lacks one ({@link ScopeCoverageCheck}).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresScope {

  /** The scope the caller's key must hold. */
  Scope value();
}
