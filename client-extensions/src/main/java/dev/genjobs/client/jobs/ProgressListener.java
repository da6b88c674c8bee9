package dev.genjobs.client.jobs;

/** Told about every poll of a watched job. Runs on a watcher thread: keep it quick. */
@FunctionalInterface
public interface ProgressListener {

  void onProgress(JobProgress progress);

  ProgressListener NONE = p -> {};
}
