/** Internal: the job ledger's engine. Not API: reach it through {@code GenJobsClient.jobs()}. */
package dev.genjobs.client.store.internal;
