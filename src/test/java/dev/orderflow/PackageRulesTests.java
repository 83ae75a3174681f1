package dev.orderflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

import dev.orderflow.system.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ResponseStatusException;

/**
 * The package rules of the house, checked on the compiled main classes: a reviewer finds each concern where
 * these rules put it, and a change that breaks one fails the build with the offending dependency named.
 */
@AnalyzeClasses(packages = "dev.orderflow", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTests {

    /** Camunda stays inside the process package, so a move to another engine (Operaton) touches only it. */
    @ArchTest
    static final ArchRule onlyFulfillmentKnowsTheEngine = noClasses()
            .that().resideOutsideOfPackage("dev.orderflow.fulfillment..")
            .should().dependOnClassesThat().resideInAPackage("org.camunda..")
            .because("feature packages publish Spring events; fulfillment alone talks to the process engine");

    /** Feature packages depend on each other in one direction only. */
    @ArchTest
    static final ArchRule featurePackagesHaveNoCycles = slices().matching("dev.orderflow.(*)..")
            .should().beFreeOfCycles();

    /** Services return results or throw domain exceptions; only the web layer chooses HTTP status codes. */
    @ArchTest
    static final ArchRule onlyTheWebLayerSpeaksHttpProblems = noClasses()
            .that().resideOutsideOfPackage("dev.orderflow.system..")
            .and().areNotAnnotatedWith(RestController.class)
            .and().areNotAnnotatedWith(Controller.class)
            .and().areNotAnnotatedWith(RestControllerAdvice.class)
            .and().areNotAnnotatedWith(ControllerAdvice.class)
            .should().dependOnClassesThat().areAssignableTo(ApiProblem.class)
            .because("a service that throws an HTTP problem cannot be reused by a step, a page or a job");

    /** The web layer's own vocabulary: a status code, a response, a problem, an exception that carries a status. */
    private static final DescribedPredicate<JavaClass> HTTP_ANSWERS = JavaClass.Predicates.belongToAnyOf(
                    HttpStatus.class, HttpStatusCode.class, ResponseEntity.class, ProblemDetail.class,
                    ResponseStatusException.class, ErrorResponse.class)
            .as("HTTP status codes, responses or problems");

    /**
     * Clients that call another service over HTTP read that service's status codes and responses; that is
     * speaking HTTP outward, not answering with it. Their nested classes count as theirs.
     */
    private static final Set<String> OUTBOUND_HTTP_CLIENTS = Set.of(
            "dev.orderflow.shipping.HttpCourier",
            "dev.orderflow.payment.HttpPaymentProvider");

    private static final DescribedPredicate<JavaClass> AN_OUTBOUND_HTTP_CLIENT = DescribedPredicate.describe(
            "an outbound HTTP client", type -> OUTBOUND_HTTP_CLIENTS.contains(type.getName())
                    || OUTBOUND_HTTP_CLIENTS.stream().anyMatch(client -> type.getName().startsWith(client + "$")));

    /** A service chooses no HTTP status either: it returns a result or throws a domain exception. */
    @ArchTest
    static final ArchRule onlyTheWebLayerChoosesHttpStatus = noClasses()
            .that().resideOutsideOfPackage("dev.orderflow.system..")
            .and().areNotAnnotatedWith(RestController.class)
            .and().areNotAnnotatedWith(Controller.class)
            .and().areNotAnnotatedWith(RestControllerAdvice.class)
            .and().areNotAnnotatedWith(ControllerAdvice.class)
            .and(DescribedPredicate.not(AN_OUTBOUND_HTTP_CLIENT))
            .should().dependOnClassesThat(HTTP_ANSWERS)
            .because("which status a request gets is the controller's or the exception handler's decision");

    /** The engine's configuration and hardening never reach into the order's steps. */
    @ArchTest
    static final ArchRule engineConfigurationDoesNotDependOnSteps = noClasses()
            .that().resideInAPackage("dev.orderflow.fulfillment.engine..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Delegate");
}
