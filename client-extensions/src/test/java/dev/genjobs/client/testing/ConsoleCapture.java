package dev.genjobs.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures everything written to {@code System.out} and {@code System.err} while a block runs.
 * slf4j-simple (the test binding, configured in {@code simplelogger.properties}) looks the stream
 * up on every log call, so this captures the library's log lines too. Not for parallel tests.
 */
public final class ConsoleCapture {

  /** A block that may throw; its exception is kept, not rethrown. */
  @FunctionalInterface
  public interface Block {
    void run() throws Throwable;
  }

  /**
   * What {@code block} wrote, and what it threw, if anything.
   *
   * @param output stdout and stderr, interleaved as written
   * @param thrown the block's exception, or null
   */
  public record Captured(String output, Throwable thrown) {}

  private ConsoleCapture() {}

  public static Captured run(Block block) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    Throwable thrown = null;
    try {
      block.run();
    } catch (Throwable t) {
      thrown = t;
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    capture.flush();
    return new Captured(buffer.toString(StandardCharsets.UTF_8), thrown);
  }
}
