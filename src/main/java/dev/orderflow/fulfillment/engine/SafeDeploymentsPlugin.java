package dev.orderflow.fulfillment.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.orderflow.fulfillment.CourierSelectionCheck;
import dev.orderflow.shipping.ShippingService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.stereotype.Component;

/**
 * Safe deployments: {@link DeploymentGuard} refuses a new deployment that holds anything but what Orderflow runs
 * (the order process, its FEEL decision tables and Camunda Forms, no tenant) or names a bean, property, method,
 * variable, form or decision the service does not have, and {@link VersionTags} tags each new process version with the release it came from.
 * The version and commit come from the build ({@code META-INF/build-info.properties}, {@code git.properties});
 * a build without them (no {@code .git}, e.g. the Docker build) says {@code unknown}.
 */
@Component
class SafeDeploymentsPlugin extends AbstractProcessEnginePlugin implements ApplicationListener<ContextRefreshedEvent> {

    static final String UNKNOWN = "unknown";

    private final ApplicationContext context;
    private final String releaseTag;
    /** true until the application context is up: the only deployment then is the service's own, from bpmn/ */
    private final AtomicBoolean starting = new AtomicBoolean(true);

    SafeDeploymentsPlugin(ApplicationContext context, ObjectProvider<BuildProperties> build,
            ObjectProvider<GitProperties> git) {
        this.context = context;
        BuildProperties buildInfo = build.getIfAvailable();
        GitProperties gitInfo = git.getIfAvailable();
        this.releaseTag = releaseTag(buildInfo == null ? null : buildInfo.getVersion(),
                gitInfo == null ? null : gitInfo.getShortCommitId(), gitInfo != null && "true".equals(gitInfo.get("dirty")));
    }

    /**
     * @return {@code <version>+<commit>}, either {@code unknown} when the build did not record it, and
     *         {@code .dirty} after it when the build was made from a working tree with uncommitted changes (an
     *         analyst's local run of a changed diagram is then not taken for the commit's)
     */
    static String releaseTag(String version, String commit, boolean dirty) {
        return (version == null || version.isBlank() ? UNKNOWN : version) + "+"
                + (commit == null || commit.isBlank() ? UNKNOWN : commit) + (dirty ? ".dirty" : "");
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreDeployers() == null) {
            configuration.setCustomPreDeployers(new ArrayList<>());
        }
        if (configuration.getCustomPostDeployers() == null) {
            configuration.setCustomPostDeployers(new ArrayList<>());
        }
        // what Camunda's Spring expression manager resolves: the application's beans (and any the engine was given)
        configuration.getCustomPreDeployers().add(new DeploymentGuard(name -> beanType(name, configuration),
                this::unbookableCouriers));
        configuration.getCustomPostDeployers().add(new VersionTags(releaseTag,
                deployment -> startUp(deployment, configuration)));
    }

    /** the type of the bean an expression would resolve: the application's, or one the engine was given */
    private Class<?> beanType(String name, ProcessEngineConfigurationImpl configuration) {
        if (context.containsBean(name)) {
            Class<?> type = context.getType(name);
            return type == null ? Object.class : type;
        }
        Object given = configuration.getBeans() == null ? null : configuration.getBeans().get(name);
        return given == null ? null : given.getClass();
    }

    /** the start-up deployment's table is checked by CourierSelectionCheck (refusing the start); later ones here */
    private List<String> unbookableCouriers(String fileName, byte[] dmn) {
        if (starting.get()) {
            return List.of();
        }
        return CourierSelectionCheck.unbookable(fileName, dmn,
                context.getBean(ShippingService.class).configuredCouriers());
    }

    private boolean startUp(DeploymentEntity deployment, ProcessEngineConfigurationImpl configuration) {
        return starting.get() && deployment.getSource() == null
                && configuration instanceof SpringTransactionsProcessEngineConfiguration spring
                && Objects.equals(deployment.getName(), spring.getDeploymentName());
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() == context) {
            starting.set(false);
        }
    }
}
