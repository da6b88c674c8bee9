-- Providers are an open set (issue 21): a record names its provider by id, the provider's specs/
-- folder, as configuration and the CLI do. Rows written before name the former enum constants.
UPDATE genjobs_job SET provider = 'creatify-inspiration' WHERE provider = 'CREATIFY_INSPIRATION';
UPDATE genjobs_job SET provider = 'creatify-asset-generator' WHERE provider = 'CREATIFY_ASSET_GENERATOR';
UPDATE genjobs_job SET provider = 'unstructured-platform' WHERE provider = 'UNSTRUCTURED';
UPDATE genjobs_job SET provider = 'creative-api' WHERE provider = 'CREATIVE_API';
