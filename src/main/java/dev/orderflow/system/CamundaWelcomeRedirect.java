package dev.orderflow.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The Camunda starter's static start page ({@code /camunda-welcome/index.html}) carries an end-of-life banner
 * and "demo / demo" login hints that are not true here; every path under it redirects (302) to the Welcome
 * webapp, {@code /camunda/app/welcome/default/}, which carries our customisation. Camunda's files stay untouched:
 * a controller's mapping wins over the static resources.
 */
@Controller
class CamundaWelcomeRedirect {

    static final String WELCOME = "/camunda/app/welcome/default/";

    @RequestMapping(path = {"/camunda-welcome", "/camunda-welcome/", "/camunda-welcome/**"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    String toWelcomeApp() {
        return "redirect:" + WELCOME;
    }
}
