package dev.genjobs.client.unstructured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genjobs.client.upload.UploadFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Unstructured on-demand job: the {@code request_data} JSON (a template id or a custom DAG) and
 * the input files, each sent as a real multipart file part.
 *
 * <pre>{@code
 * CreateJobRequest.builder().templateId("hi_res_partition").file(UploadFile.of(Path.of("a.pdf"))).build()
 * }</pre>
 */
public final class CreateJobRequest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String requestData;
  private final List<UploadFile> files;

  private CreateJobRequest(Builder b) {
    this.requestData = b.requestData;
    this.files = List.copyOf(b.files);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.requestData = requestData;
    b.files.addAll(files);
    return b;
  }

  /** The {@code request_data} part: JSON text. */
  public String requestData() {
    return requestData;
  }

  public List<UploadFile> files() {
    return files;
  }

  @Override
  public String toString() {
    return "request_data=" + requestData + ", files=" + files;
  }

  public static final class Builder {
    private String requestData;
    private final List<UploadFile> files = new ArrayList<>();

    private Builder() {}

    /** Runs a stored template, e.g. {@code hi_res_partition}. */
    public Builder templateId(String templateId) {
      return requestData(Map.of("template_id", templateId));
    }

    /** {@code request_data} as a JSON object. */
    public Builder requestData(Map<String, ?> requestData) {
      try {
        this.requestData = JSON.writeValueAsString(requestData);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("request_data is not serializable to JSON", e);
      }
      return this;
    }

    /** {@code request_data} as JSON text, sent as given. */
    public Builder requestDataJson(String json) {
      this.requestData = json;
      return this;
    }

    public Builder file(UploadFile file) {
      files.add(file);
      return this;
    }

    public Builder files(List<UploadFile> more) {
      files.addAll(more);
      return this;
    }

    public CreateJobRequest build() {
      return new CreateJobRequest(this);
    }
  }
}
