import Mocha from 'mocha';

/**
 * Mocha's spec reporter plus one plain closing line, `N passed, N failed`, that CI logs and
 * scripts/test.mjs read the same way whatever ran the suite: plain mocha, an extension host, a browser.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    // Registered after Spec's own end listener, so the line comes after its epilogue. Synchronous on
    // purpose: an extension host may exit as soon as the run's callback has fired.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? 0} failed`);
    });
  }
}

/** Mocha loads a reporter given by path through `module.exports`. */
export = SummaryReporter;
