package io.perfgate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * {@code perfGate} in Pipeline: the same gate and the same options as {@link PerfGateRecorder} (it binds
 * its arguments to one), plus what only a Pipeline step can do: mark the stage with the result
 * (a {@link WarningAction} on the step's flow node, as junit and warnings-ng do) and return the summary:
 * <pre>
 * def perf = perfGate budget: 'perf-budget.yaml'
 * echo "${perf.headline}"
 * </pre>
 */
public class PerfGateStep extends Step {

    private final PerfGateRecorder options;

    /**
     * The step with default options, e.g. {@code perfGate 'perf-budget.yaml'}; Pipeline binds the named
     * arguments through {@link DescriptorImpl#newInstance(Map)} to the options class instead.
     */
    @DataBoundConstructor
    public PerfGateStep(String budget) {
        this(new PerfGateRecorder(budget));
    }

    PerfGateStep(PerfGateRecorder options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public String getBudget() {
        return options.getBudget();
    }

    /** The options, declared once in {@link PerfGateRecorder}. */
    public PerfGateRecorder getOptions() {
        return options;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, options);
    }

    /** Runs the gate outside the Pipeline's CPS thread: reading large results takes a while. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        /** Not kept across a controller restart: this execution does not resume, a restart fails the step. */
        private final transient PerfGateRecorder options;

        Execution(StepContext context, PerfGateRecorder options) {
            super(context);
            this.options = options;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            GateRunner.Outcome outcome = GateRunner.run(options, context.get(Run.class), context.get(FilePath.class),
                    context.get(EnvVars.class), context.get(TaskListener.class));
            mark(context.get(FlowNode.class), outcome);
            return returned(outcome);
        }
    }

    /** Marks the stage unstable or failed, with the decision's first line as the reason. */
    static void mark(FlowNode node, GateRunner.Outcome outcome) {
        if (node != null && outcome.result().isWorseThan(Result.SUCCESS)) {
            String message = outcome.message();
            int end = message.indexOf('\n');
            node.addOrReplaceAction(new WarningAction(outcome.result())
                    .withMessage(end < 0 ? message : message.substring(0, end)));
        }
    }

    /**
     * What the step returns: the summary's map (headline, verdict, counts, sentences) with the build
     * result the gate asked for and its message; plain values, usable in a sandboxed Pipeline.
     */
    static Map<String, Object> returned(GateRunner.Outcome outcome) {
        Map<String, Object> map = new LinkedHashMap<>();
        outcome.summary().ifPresent(summary -> map.putAll(summary.toMap()));
        map.put("result", outcome.result().toString());
        map.put("message", outcome.message());
        return map;
    }

    /**
     * Binds every argument to {@link PerfGateRecorder}. Pipeline (workflow-cps) instantiates a step through
     * an overridden {@code newInstance(Map)}; the overrides are deprecated for callers, not for steps.
     */
    @Extension
    @SuppressWarnings("deprecation")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "perfGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Recorder_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, EnvVars.class, TaskListener.class, FlowNode.class);
        }

        /** The post-build action's descriptor: the snippet generator's form and its checks are the options'. */
        public PerfGateRecorder.DescriptorImpl getOptionsDescriptor() {
            return Jenkins.get().getDescriptorByType(PerfGateRecorder.DescriptorImpl.class);
        }

        /** Binds the arguments to the one options class. */
        @Override
        public Step newInstance(Map<String, Object> arguments) throws Exception {
            return new PerfGateStep(new DescribableModel<>(PerfGateRecorder.class).instantiate(arguments));
        }

        /** The snippet generator's form is the options' form. */
        @Override
        public Step newInstance(StaplerRequest2 request, JSONObject formData) throws FormException {
            return new PerfGateStep(Objects.requireNonNull(request, "request").bindJSON(PerfGateRecorder.class,
                    formData));
        }

        @Override
        public Map<String, Object> defineArguments(Step step) {
            return DescribableModel.uninstantiate_(((PerfGateStep) step).options);
        }

        @Override
        public UninstantiatedDescribable uninstantiate(Step step) {
            return DescribableModel.uninstantiate2_(((PerfGateStep) step).options);
        }
    }
}
