package dev.orderflow.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The simulated courier and payment provider book nothing and refund nothing: a shop that ran on them by mistake
 * would tell customers their parcels are on their way. They are there in the local run
 * ({@code orderflow.simulation.enabled}, true without a profile) and only when asked for otherwise. With the
 * simulation off, the service refuses to start until a courier ({@code orderflow.couriers.<name>.base-url}) and
 * a payment provider ({@code orderflow.payment.http.base-url}) are configured, and names each that is missing.
 * With the simulation on under a profile it starts and says so in one WARN line. Runs before any bean is
 * created (nothing has touched the database yet), as a bean factory post-processor rather than with
 * {@link RequiredSecretsCheck}: it then sees every property source, tests' dynamic ones included.
 */
@Component
class RequiredAdaptersCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String SIMULATION_ENABLED = "orderflow.simulation.enabled";

    /** Only whether an entry is there; shipping binds and checks the whole entry. */
    record Entry(String baseUrl) {
    }

    private static final Logger log = LoggerFactory.getLogger(RequiredAdaptersCheck.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /**
     * Refuses the start when the simulation is off and a courier or the payment provider is missing; warns when
     * the simulation is on under a profile.
     */
    static void check(Environment environment) {
        String[] profiles = environment.getActiveProfiles();
        boolean localRun = Arrays.stream(profiles).allMatch("default"::equals);
        if (environment.getProperty(SIMULATION_ENABLED, Boolean.class, false)) {
            if (!localRun) {
                log.warn("Simulation is on with profile(s) " + String.join(",", profiles) + " ("
                        + SIMULATION_ENABLED + "=true): the simulated courier and payment provider book no parcel"
                        + " and refund no money. For a shop's real orders configure a courier and a payment"
                        + " provider and turn the simulation off.");
            }
            return;
        }
        Binder binder = Binder.get(environment);
        Map<String, Entry> couriers = binder.bind("orderflow.couriers", Bindable.mapOf(String.class, Entry.class))
                .orElse(Map.of());
        boolean paymentProvider = binder.bind("orderflow.payment.http.base-url", String.class).isBound();
        List<String> missing = new ArrayList<>();
        if (couriers.isEmpty()) {
            missing.add("no courier configured: set orderflow.couriers.<name>.base-url"
                    + " (ORDERFLOW_COURIERS_<NAME>_BASEURL), or " + SIMULATION_ENABLED
                    + "=true to use the simulated courier");
        }
        if (!paymentProvider) {
            missing.add("no payment provider configured: set orderflow.payment.http.base-url"
                    + " (ORDERFLOW_PAYMENT_HTTP_BASEURL), or " + SIMULATION_ENABLED
                    + "=true to use the simulated payment provider");
        }
        if (!missing.isEmpty()) {
            String run = localRun ? "with the simulation turned off" : "with profile(s) " + String.join(",", profiles);
            throw new RefusedToStart("Orderflow refuses to start " + run + ": " + String.join("; ", missing) + ".",
                    "Configure the real courier and payment provider (docs/configuration.md), or set"
                            + " ORDERFLOW_SIMULATION_ENABLED=true to try the service with simulated ones.");
        }
    }
}
