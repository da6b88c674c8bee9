package dev.genjobs.cli;

import dev.genjobs.client.errors.MissingCredentialsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and its exit code. Users see what went wrong and what
 * to do; never a stack trace, not even for a bug (the line says it is one).
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    print(
        command,
        oneLine(e.getMessage())
            + " (see '"
            + command.getCommandSpec().qualifiedName()
            + " --help')");
    return ExitStatus.USAGE.code;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
    if (e instanceof ParameterException p) return handleParseException(p, new String[0]);
    ExitStatus status = ExitStatus.of(e);
    print(command, message(e, status));
    return status.code;
  }

  private static String message(Exception e, ExitStatus status) {
    return switch (status) {
      case MISSING_CREDENTIALS ->
          "missing credentials: set "
              + ((MissingCredentialsException) e).variable()
              + " in the environment (keys are never taken from flags)";
      case INTERNAL_ERROR -> "internal error, please report it: " + oneLine(e.toString());
      default -> oneLine(e.getMessage());
    };
  }

  private static void print(CommandLine command, String message) {
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + message);
    err.flush();
  }

  /** Provider messages can span lines; a script reading stderr gets exactly one. */
  static String oneLine(String message) {
    return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
