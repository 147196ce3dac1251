package dev.connectorengine.api.adminuser;

/** {@code PATCH /api/v1/admin/users/{id}}: the fields given change, the others stay. */
record AdminUserPatch(String name, String role) {}
