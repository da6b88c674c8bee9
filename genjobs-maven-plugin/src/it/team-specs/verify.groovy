// The effective spec carries the overlay; the published file is unchanged; the diff reports the
// additive change; the packaged index names the newest version; a second build skips the work.
def effective = new File(basedir, 'target/genjobs/effective-spec/acme/openapi.yaml').text
assert effective.contains('/jobs/{id}') : 'overlay operation missing from the effective spec'
assert effective.contains('https://api.acme.example')
assert !new File(basedir, 'specs/acme/1.1.0/openapi.yaml').text.contains('/jobs/{id}')
def report = new File(basedir, 'target/spec-diff/acme/report.md').text
assert report.contains('failed') : 'new enum value not in the diff report'
assert report.contains('progress') : 'new response field not in the diff report'
def index = new File(basedir, 'target/classes/specs/index.properties').text
assert index.contains('acme.newest=1.1.0')
assert new File(basedir, 'target/classes/specs/acme/1.1.0/openapi.yaml').text.contains('/jobs/{id}')
// The second build (build.log holds the last one) found its inputs unchanged and did no spec work.
def log = new File(basedir, 'build.log').text
assert log.contains('genjobs:validate: specs and configuration unchanged since the last run; skipped')
assert log.contains('genjobs:diff: specs and configuration unchanged since the last run; skipped')
assert log.contains('genjobs:effective-spec: specs and configuration unchanged since the last run; skipped')
return true
