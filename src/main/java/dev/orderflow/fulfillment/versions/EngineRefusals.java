package dev.orderflow.fulfillment.versions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words the engine's message for a refused migration (which names process-, activity- and transition-instance ids)
 * for analysts: what could not move and why, without internal ids. The full message stays in the log and in
 * {@code process_migration_batch.failure} / {@code process_migration_order.refusal}.
 */
final class EngineRefusals {

    private static final Pattern ENGINE_CODE = Pattern.compile("ENGINE-\\d+\\s*");
    private static final Pattern PROCESS_INSTANCE = Pattern.compile("Cannot migrate process instance '[^']*':?");
    private static final Pattern ACTIVITY_INSTANCE = Pattern.compile(
            "Cannot migrate activity instance '([^':]+):[^']*':?");
    private static final Pattern TRANSITION_INSTANCE = Pattern.compile("Cannot migrate transition instance '[^']*':?");
    /** Camunda's ids (UUIDs), alone or after an activity id ({@code Task_X:<uuid>}) */
    private static final Pattern ID = Pattern.compile(
            ":?\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

    private EngineRefusals() {
    }

    /**
     * @param engineMessage the engine's message for a refused move, possibly several lines
     * @return its gist in one line, e.g. {@code "at Task_CreateLabel: There is no migration instruction for this
     *         activity"}, without engine codes or instance ids; "no reason given" for a null or empty message
     */
    static String gist(String engineMessage) {
        if (engineMessage == null || engineMessage.isBlank()) {
            return "no reason given";
        }
        StringBuilder gist = new StringBuilder();
        for (String line : engineMessage.split("\\R")) {
            String text = ENGINE_CODE.matcher(line).replaceAll("");
            text = PROCESS_INSTANCE.matcher(text).replaceAll("");
            Matcher activity = ACTIVITY_INSTANCE.matcher(text);
            text = activity.replaceAll(match -> "at " + Matcher.quoteReplacement(match.group(1)) + ":");
            text = TRANSITION_INSTANCE.matcher(text).replaceAll("at an asynchronous step:");
            text = ID.matcher(text).replaceAll("").replaceAll("''", "").replaceAll("\\s+", " ").strip();
            if (!text.isEmpty()) {
                gist.append(gist.isEmpty() ? "" : text.startsWith("at ") ? "; " : " ").append(text);
            }
        }
        return gist.isEmpty() ? "no reason given" : gist.toString();
    }
}
