package io.perfgate.maven;

import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;

/** The evaluation {@link CheckMojo} delegates to; {@code PerfGate::check} outside of tests. */
@FunctionalInterface
interface Gate {

    GateOutcome check(CheckRequest request, Diagnostics diagnostics);
}
