package dev.genjobs.spectools.diff;

import static dev.genjobs.spectools.diff.Classification.BREAKING;
import static dev.genjobs.spectools.diff.Classification.COMPATIBLE;
import static dev.genjobs.spectools.diff.Classification.NEEDS_ATTENTION;

/**
 * Every kind of change the diff reports, with its classification for a client. This table is the
 * policy: a client reads responses and writes requests, so a removed response field breaks it while
 * a removed request field only breaks code that set it (still breaking: the regenerated model loses
 * the setter), and a new response enum value decodes (enums are open strings in the generated
 * client) but may need a mapping in client-extensions.
 */
public enum ChangeKind {
  OPERATION_REMOVED(BREAKING, "calls to it fail; the generated method disappears"),
  OPERATION_ID_CHANGED(BREAKING, "the generated method is renamed"),
  PARAMETER_REMOVED(BREAKING, "the generated method loses the argument"),
  NEW_REQUIRED_PARAMETER(BREAKING, "existing calls do not send it"),
  PARAMETER_NOW_REQUIRED(BREAKING, "existing calls may not send it"),
  REQUEST_BODY_NOW_REQUIRED(BREAKING, "existing calls may send no body"),
  REQUEST_CONTENT_TYPE_REMOVED(BREAKING, "the client sends a content type the API no longer takes"),
  NEW_REQUIRED_REQUEST_FIELD(BREAKING, "existing requests do not set it"),
  REQUEST_FIELD_NOW_REQUIRED(BREAKING, "existing requests may not set it"),
  REQUEST_FIELD_REMOVED(BREAKING, "the generated model loses the field; code setting it breaks"),
  REQUEST_ENUM_VALUE_REMOVED(BREAKING, "requests sending this value are rejected"),
  REQUEST_VALUES_RESTRICTED(BREAKING, "requests sending other values are rejected"),
  REQUEST_VARIANT_REMOVED(BREAKING, "requests using this variant are rejected"),
  RESPONSE_FIELD_REMOVED(BREAKING, "the generated model loses the field; code reading it breaks"),
  RESPONSE_ENUM_VALUE_REMOVED(BREAKING, "code handling this value is dead or wrong"),
  RESPONSE_VARIANT_ADDED(BREAKING, "the client cannot decode the new variant"),
  RESPONSE_CONTENT_TYPE_REMOVED(
      BREAKING, "the client expects a content type the API stopped sending"),
  RESPONSE_HEADER_REMOVED(BREAKING, "code reading the header gets nothing"),
  SUCCESS_RESPONSE_REMOVED(BREAKING, "the generated method's return type is built from it"),
  TYPE_CHANGED(BREAKING, "the generated Java type changes or the value no longer decodes"),
  DISCRIMINATOR_CHANGED(BREAKING, "polymorphic decoding uses the old property"),
  AUTH_CHANGED(BREAKING, "requests carry credentials the API no longer accepts"),

  RESPONSE_ENUM_VALUE_ADDED(
      NEEDS_ATTENTION,
      "decodes as a raw value; add a mapping in client-extensions if it is a new state"),
  RESPONSE_ENUM_OPENED(NEEDS_ATTENTION, "any value may come back now"),
  NEW_RESPONSE_STATUS(NEEDS_ATTENTION, "check how client-extensions treats this status"),
  RESPONSE_FIELD_NO_LONGER_REQUIRED(NEEDS_ATTENTION, "code reading it must handle its absence"),
  RESPONSE_FIELD_NOW_NULLABLE(NEEDS_ATTENTION, "code reading it must handle null"),
  REQUEST_FIELD_NO_LONGER_NULLABLE(NEEDS_ATTENTION, "requests sending null are rejected"),
  REQUEST_CONSTRAINT_TIGHTENED(NEEDS_ATTENTION, "values the client sent before may be rejected"),
  PARAMETER_SERIALIZATION_CHANGED(
      NEEDS_ATTENTION, "the regenerated client sends the new format; older builds do not"),
  REQUEST_DEFAULT_CHANGED(NEEDS_ATTENTION, "requests that omit it behave differently"),
  ADDITIONAL_PROPERTIES_CHANGED(NEEDS_ATTENTION, "map-valued fields decode differently"),
  OPERATION_DEPRECATED(NEEDS_ATTENTION, "plan to move off it"),
  SERVER_URL_CHANGED(NEEDS_ATTENTION, "the client's default base URL changes"),

  OPERATION_ADDED(COMPATIBLE, ""),
  NEW_OPTIONAL_PARAMETER(COMPATIBLE, ""),
  PARAMETER_NO_LONGER_REQUIRED(COMPATIBLE, ""),
  REQUEST_BODY_NO_LONGER_REQUIRED(COMPATIBLE, ""),
  NEW_OPTIONAL_REQUEST_FIELD(COMPATIBLE, ""),
  REQUEST_FIELD_NO_LONGER_REQUIRED(COMPATIBLE, ""),
  REQUEST_ENUM_VALUE_ADDED(COMPATIBLE, ""),
  NEW_RESPONSE_FIELD(COMPATIBLE, ""),
  RESPONSE_FIELD_NOW_REQUIRED(COMPATIBLE, ""),
  RESPONSE_HEADER_ADDED(COMPATIBLE, ""),
  CONTENT_TYPE_ADDED(COMPATIBLE, ""),
  ERROR_RESPONSE_REMOVED(COMPATIBLE, ""),
  VARIANTS_CHANGED(COMPATIBLE, ""),
  AUTH_RELAXED(COMPATIBLE, ""),
  CONSTRAINT_CHANGED(COMPATIBLE, ""),
  DEFAULT_CHANGED(COMPATIBLE, ""),
  NULLABLE_CHANGED(COMPATIBLE, ""),
  DEPRECATED(COMPATIBLE, ""),
  READ_WRITE_ONLY_CHANGED(COMPATIBLE, ""),
  DOCUMENTATION_CHANGED(COMPATIBLE, "");

  private final Classification classification;
  private final String consequence;

  ChangeKind(Classification classification, String consequence) {
    this.classification = classification;
    this.consequence = consequence;
  }

  public Classification classification() {
    return classification;
  }

  /** What the change means for client code, in a few words; empty when nothing. */
  public String consequence() {
    return consequence;
  }
}
