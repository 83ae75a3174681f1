package dev.orderflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests, driven by the system's chromedriver (Debian: {@code chromium},
 * {@code chromium-driver}; other paths through {@code CHROME_BIN} and {@code CHROMEDRIVER}). A failing test
 * leaves a screenshot under {@code target/screenshots/}.
 */
public class Browser implements BeforeEachCallback, AfterEachCallback {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private WebDriver driver;

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROME_BIN", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1400", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (context.getExecutionException().isPresent()) {
                screenshot(context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName());
            }
        } finally {
            driver.quit();
        }
    }

    /**
     * Logs {@code user} (whose demo password is the user name) in to Camunda's webapp {@code app} ("tasklist",
     * "cockpit", "admin", "welcome") of the service at {@code port}, and waits until the login form is gone. Fills the
     * form until both fields hold what was typed: the page re-renders its form once while the app starts, and keys
     * typed into the first rendering are lost or land in the wrong field.
     */
    public void logInToCamunda(int port, String app, String user) {
        driver.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
        By username = By.cssSelector("input[ng-model=username]");
        By password = By.cssSelector("input[ng-model=password]");
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(page -> {
                    WebElement name = page.findElement(username);
                    WebElement secret = page.findElement(password);
                    name.clear();
                    name.sendKeys(user);
                    secret.clear();
                    secret.sendKeys(user);
                    return user.equals(name.getAttribute("value")) && user.equals(secret.getAttribute("value"));
                });
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.invisibilityOfElementLocated(password));
    }

    /** Saves what the browser shows now; returns the file. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
