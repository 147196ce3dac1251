package dev.connectorengine.api.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least admin role an admin call ({@code /api/v1/admin/**}) needs; the admin counterpart of
 * {@link RequiresScope}, checked by {@link AdminInterceptor} and required on every admin handler at
 * startup by {@link ScopeCoverageCheck}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresAdminRole {

  /** The least role the caller must hold. */
  AdminRole value();
}
