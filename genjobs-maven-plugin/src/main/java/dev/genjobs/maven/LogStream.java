package dev.genjobs.maven;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.maven.plugin.logging.Log;

/** A PrintStream whose lines go to the Maven log: warnings and errors at their level. */
final class LogStream extends PrintStream {

  LogStream(Log log) {
    super(new LineBuffer(log), true, StandardCharsets.UTF_8);
  }

  private static final class LineBuffer extends ByteArrayOutputStream {
    private final Log log;

    LineBuffer(Log log) {
      this.log = log;
    }

    @Override
    public synchronized void flush() {
      String text = toString(StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end < 0) return;
      for (String line : text.substring(0, end).split("\r?\n")) {
        if (line.contains("ERROR")) log.error(line);
        else if (line.contains("WARNING") || line.contains("NEXT STEP")) log.warn(line);
        else log.info(line);
      }
      String rest = text.substring(end + 1);
      reset();
      writeBytes(rest.getBytes(StandardCharsets.UTF_8));
    }
  }
}
