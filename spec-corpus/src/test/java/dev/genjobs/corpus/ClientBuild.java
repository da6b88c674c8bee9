package dev.genjobs.corpus;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/** Generates a client with openapi-generator in-process and compiles it with javac in-process. */
final class ClientBuild {

  /**
   * What became of one document.
   *
   * @param generated whether the generator produced sources
   * @param compiled whether they compiled
   * @param problem the generator's exception or the first compiler errors; empty when compiled
   * @param sources the generated {@code src/main/java} (may not exist)
   */
  record Outcome(boolean generated, boolean compiled, String problem, Path sources) {

    static Outcome notGenerated(String problem) {
      return new Outcome(false, false, problem, null);
    }
  }

  private ClientBuild() {}

  /** Generates {@code spec} with {@code settings} into {@code out}, then compiles the result. */
  static Outcome generateAndCompile(Path spec, GeneratorSettings settings, Path out) {
    try {
      generate(spec, settings, out);
    } catch (RuntimeException | LinkageError e) {
      return Outcome.notGenerated(oneLine(e));
    }
    Path sources = out.resolve("src/main/java");
    String errors = compile(sources, out.resolve("classes"));
    return new Outcome(true, errors.isEmpty(), errors, sources);
  }

  static void generate(Path spec, GeneratorSettings settings, Path out) {
    CodegenConfigurator c =
        new CodegenConfigurator()
            .setGeneratorName(settings.generatorName())
            .setLibrary(settings.library())
            .setInputSpec(spec.toString())
            .setOutputDir(out.toString())
            .setApiPackage("corpus.client.api")
            .setModelPackage("corpus.client.model")
            .setInvokerPackage("corpus.client.invoker")
            // As client-generated's pom: no generated tests or docs (they are not compiled here).
            .addGlobalProperty("apiTests", "false")
            .addGlobalProperty("modelTests", "false")
            .addGlobalProperty("apiDocs", "false")
            .addGlobalProperty("modelDocs", "false");
    settings.configOptions().forEach(c::addAdditionalProperty);
    settings
        .mappings()
        .forEach(
            (kind, pairs) ->
                pairs.forEach(
                    (k, v) -> {
                      switch (kind) {
                        case "typeMappings" -> c.addTypeMapping(k, v);
                        case "importMappings" -> c.addImportMapping(k, v);
                        case "schemaMappings" -> c.addSchemaMapping(k, v);
                        case "inlineSchemaNameMappings" -> c.addInlineSchemaNameMapping(k, v);
                        default ->
                            throw new IllegalStateException(
                                "the corpus does not know the generator option <" + kind + ">");
                      }
                    }));
    new DefaultGenerator().opts(c.toClientOptInput()).generate();
  }

  /** Compiles every {@code .java} under {@code sources}; returns the errors, empty when none. */
  static String compile(Path sources, Path classes) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
      Files.createDirectories(classes);
    } catch (IOException e) {
      return "cannot read the generated sources: " + e;
    }
    if (files.isEmpty()) {
      return "the generator wrote no Java sources";
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-d",
              classes.toString(),
              "-classpath",
              System.getProperty("java.class.path"),
              "--release",
              "17",
              "-proc:none",
              "-nowarn",
              "-Xlint:none",
              "-encoding",
              "UTF-8");
      boolean ok =
          javac
              .getTask(
                  new StringWriter(),
                  fm,
                  diagnostics,
                  options,
                  null,
                  fm.getJavaFileObjectsFromPaths(files))
              .call();
      if (ok) {
        return "";
      }
    } catch (IOException e) {
      return "javac: " + e;
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR && errors.size() < 3) {
        String file =
            d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":";
        errors.add(
            file
                + d.getLineNumber()
                + ": "
                + d.getMessage(Locale.ROOT).lines().findFirst().orElse(""));
      }
    }
    return String.join("; ", errors);
  }

  private static String oneLine(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < 600; t = t.getCause()) {
      if (sb.length() > 0) sb.append(" <- ");
      sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return sb.toString().replaceAll("\\s+", " ");
  }
}
