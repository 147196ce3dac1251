package dev.connectorengine.api.credential;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code PATCH /api/v1/credentials/{service}}, a JSON merge patch: a field given changes, a field
 * left out stays, and {@code "displayName": null} clears the name. A class, not a record, because a
 * merge patch must tell a field sent as null from one not sent.
 */
@Schema(description = "Fields to change; those left out stay, a null displayName clears it")
final class CredentialPatch {

  private String displayName;
  private boolean displayNameGiven;
  private String status;
  private boolean statusGiven;

  /** The new display name, at most 200 characters; null clears it. */
  @JsonProperty("displayName")
  @Schema(nullable = true, maxLength = CredentialPatches.MAX_DISPLAY_NAME)
  public String getDisplayName() {
    return displayName;
  }

  @JsonSetter("displayName")
  void displayName(String displayName) {
    this.displayName = displayName;
    this.displayNameGiven = true;
  }

  /** {@code active} or {@code revoked}; a revoked credential fails the steps that use it. */
  @JsonProperty("status")
  @Schema(allowableValues = {"active", "revoked"})
  public String getStatus() {
    return status;
  }

  @JsonSetter("status")
  void status(String status) {
    this.status = status;
    this.statusGiven = true;
  }

  /** Whether the patch names {@code displayName}, even as null. */
  boolean displayNameGiven() {
    return displayNameGiven;
  }

  /** Whether the patch names {@code status}, even as null. */
  boolean statusGiven() {
    return statusGiven;
  }

  @Override
  public String toString() {
    return "CredentialPatch[displayName="
        + (displayNameGiven ? displayName : "(unchanged)")
        + ", status="
        + status
        + "]";
  }
}
