/**
 * The Camunda engine's configuration, plugins and hardening: everything about the engine that is not the order
 * process itself (the process, its ids, delegates and listeners are in {@code dev.orderflow.fulfillment}). Nothing
 * here is public: Spring finds the beans and plugins, nothing else calls them.
 *
 * <ul>
 * <li><b>Security</b>: {@code EngineRestSecurityConfiguration} ({@code /engine-rest} only for Camunda users),
 * {@code StaffAccess} and {@code StaffProperties} (staff groups, their grants, Tasklist filters, demo users),
 * {@code NoScriptsPlugin} (no scripts in models), {@code EngineHardeningPlugin} with
 * {@code QueryExpressionInterceptor}, {@code QueryExpressions}, {@code ExpressionFreeFilterManager} (no
 * expressions in queries), {@code StaffVariableWriteInterceptor}, {@code TaskForm} (staff write only what a
 * task's form allows), {@code StaffProcessControlInterceptor} (staff never move an order's process by hand) and
 * {@code CommandPayloads}. The whole map of the service's security: {@code docs/security.md}.</li>
 * <li><b>Safe deployments</b>: {@code SafeDeploymentsPlugin} with {@code DeploymentGuard} (a new deployment naming
 * a bean, form or decision the service does not have is refused) and {@code VersionTags} (each new process
 * version says which release, or which outside deployment, it came from).</li>
 * <li><b>Performance</b>: {@code OrderflowHistoryLevel} (history level {@code orderflow}), {@code ParsedFeelCache}
 * and {@code SimpleUnaryTest} (FEEL parsed once), {@code JobAcquisitionIndex} (job acquisition on an index, due
 * dates for jobs that had none), {@code FailedJobIncidentLookups} (no incident query for a job that never failed).
 * Reasons: {@code docs/decisions/}.</li>
 * <li><b>Monitoring</b>: {@code StepTimingPlugin} (time per step), {@code EngineHealthIndicator} (job executor,
 * due jobs, incidents in {@code /actuator/health} and Prometheus).</li>
 * <li><b>Resilience</b>: {@code TransientJobFailurePlugin} (a step that lost a deadlock or lock race runs again
 * at once, without using up a retry).</li>
 * </ul>
 */
package dev.orderflow.fulfillment.engine;
