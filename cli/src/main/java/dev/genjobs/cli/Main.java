package dev.genjobs.cli;

/** {@code java -jar genjobs-cli-<version>-all.jar}: runs the CLI and exits with its status. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(GenJobsCli.commandLine().execute(args));
  }
}
