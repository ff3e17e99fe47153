// An earlier step of the job wrote to the summary already; perf:check must append to it, not replace it.
def target = new File(basedir, 'target')
target.mkdirs()
new File(target, 'step-summary.md').text = '### Unit tests\n\n42 passed\n'
return true
