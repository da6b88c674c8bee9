// An overlay action whose target matches nothing fails the build, naming the action.
def log = new File(basedir, 'build.log').text
assert log.contains('action #1 ($.components.schemas.JobDetails, "Documents the details body')
assert log.contains('matches nothing in the spec')
return true
