package io.cairn.engine.profile;

/**
 * One identity of an entity. The value is personal data: never log it.
 *
 * @param idType the identity type's code ({@code mobile}, {@code email} …, see {@code IdType})
 * @param form the form's code ({@code raw}, {@code sha256}, {@code md5}, see {@link IdForm})
 * @param value the value in that form
 */
public record Identity(String idType, String form, String value) {

  @Override
  public String toString() {
    return "Identity[" + idType + "/" + form + "]"; // values are PII and stay out of logs
  }
}
