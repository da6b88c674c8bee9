// A provider that now publishes what an overlay action adds fails the build against the lock,
// naming the action, the place and the command that records the review.
def log = new File(basedir, 'build.log').text
assert log.contains('action #2 ($.paths, "The provider\'s docs describe GET /jobs/{id}; the published spec lacks it.")')
assert log.contains("adds \$['paths']['/jobs/{id}'], which the provider now publishes")
assert log.contains('./mvnw genjobs:lock -Dgenjobs.provider=acme')
assert !log.contains('duplicate parameter')
return true
