package dev.genjobs.contracts.consumer;

import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Puts the pact file and interaction descriptions in front of a consumer test's failure, the way
 * the spec verification names them. A provider spec change that alters what the regenerated client
 * sends (a new required field it sends as {@code null}, say) fails here, in the consumer test,
 * before any pact is written; without this the report names only the test method. Pact's own
 * mismatch report is still attached (suppressed) below it.
 */
final class NameTheInteraction implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    List<String> descriptions;
    String provider;
    try {
      provider = context.getRequiredTestClass().getAnnotation(PactTestFor.class).providerName();
      String pactMethod =
          context.getRequiredTestMethod().getAnnotation(PactTestFor.class).pactMethod();
      Method method =
          context.getRequiredTestClass().getDeclaredMethod(pactMethod, PactBuilder.class);
      method.setAccessible(true);
      V4Pact pact =
          (V4Pact)
              method.invoke(
                  context.getRequiredTestInstance(),
                  new PactBuilder(ContractClients.CONSUMER, provider, PactSpecVersion.V4));
      descriptions = pact.getInteractions().stream().map(Interaction::getDescription).toList();
    } catch (ReflectiveOperationException | RuntimeException cannotName) {
      throw thrown; // not a pact test method: leave the failure as it is
    }
    AssertionError named =
        new AssertionError(
            ContractClients.CONSUMER
                + "-"
                + provider
                + ".json: "
                + descriptions.stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(", "))
                + ": "
                + oneLine(thrown),
            thrown);
    throw named;
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage().replaceAll("\\s+", " ").trim();
    if (message.length() > 400) message = message.substring(0, 400) + "...";
    return t.getClass().getSimpleName() + ": " + message;
  }
}
