package dev.orderflow.fulfillment.versions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where orders waiting at an element that a new diagram no longer has go instead: the mapping files analysts write
 * under {@code bpmn/migrations/} (on the classpath {@code migrations/*.properties}). Each line reads
 * {@code Old_Element_Id = New_Element_Id}; {@code #} starts a comment. Mappings chain across versions: with
 * {@code A = B} and {@code B = C}, an order waiting at {@code A} moves to {@code C} when the newest diagram has
 * {@code C} but no {@code B}. An element the new diagram still has always keeps its id: a mapping applies only to
 * ids the new diagram no longer has. A rename undone later ({@code A = B}, then {@code B = A}) is a circle the
 * chain stops on: an order at {@code B} goes back to {@code A} once the newest diagram has {@code A} again.
 */
public final class MigrationMappings {

    /** Where the build puts the files of {@code bpmn/migrations/}. */
    public static final String LOCATION = "classpath*:migrations/*.properties";

    private static final Pattern LINE = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*([^=\\s]+)\\s*");
    /** BPMN ids are XML NCNames; Orderflow's are letters, digits and underscores */
    private static final Pattern ELEMENT_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final Map<String, String> oldToNew;

    private MigrationMappings(Map<String, String> oldToNew) {
        this.oldToNew = Map.copyOf(oldToNew);
    }

    /**
     * @return the mappings of every {@code migrations/*.properties} file on the classpath
     * @throws IllegalStateException naming the file and line of a line that is not {@code Old_Id = New_Id}, of an id
     *         mapped to two different elements or to itself
     */
    public static MigrationMappings fromClasspath() {
        try {
            return fromFiles(new PathMatchingResourcePatternResolver().getResources(LOCATION));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mapping files under bpmn/migrations/", e);
        }
    }

    /** The mappings of these files, read in the order of their names; errors as {@link #fromClasspath()}. */
    static MigrationMappings fromFiles(Resource... files) throws IOException {
        Resource[] sorted = files.clone();
        java.util.Arrays.sort(sorted, Comparator.comparing(Resource::getDescription));
        Map<String, String> oldToNew = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (Resource file : sorted) {
            try (InputStream in = file.getInputStream()) {
                read(in, "bpmn/migrations/" + file.getFilename(), oldToNew, where);
            }
        }
        return checked(oldToNew, where);
    }

    /**
     * @param oldToNew old element id to new element id
     * @return these mappings (tests, or a shop that keeps them elsewhere)
     * @throws IllegalStateException when an id is not a BPMN id or is mapped to itself
     */
    public static MigrationMappings of(Map<String, String> oldToNew) {
        Map<String, String> where = new LinkedHashMap<>();
        oldToNew.forEach((from, to) -> {
            requireId(from, "the mapping of " + from);
            requireId(to, "the mapping of " + from);
            where.put(from, "the mapping of " + from);
        });
        return checked(new LinkedHashMap<>(oldToNew), where);
    }

    /** @return no mappings: only equal ids move */
    public static MigrationMappings none() {
        return new MigrationMappings(Map.of());
    }

    /**
     * @param sourceId  the id of the element an order waits at in its current version
     * @param targetIds every element id of the version it should move to
     * @return the element it moves to: the same id when the target has it, else the first element of the mapping
     *         chain the target has; empty when neither
     */
    public Optional<String> counterpart(String sourceId, Set<String> targetIds) {
        String id = sourceId;
        Set<String> seen = new HashSet<>();
        while (id != null && seen.add(id)) {
            if (targetIds.contains(id)) {
                return Optional.of(id);
            }
            id = oldToNew.get(id);
        }
        return Optional.empty();
    }

    /** @return whether some mapping file names this id as an old element */
    public boolean maps(String sourceId) {
        return oldToNew.containsKey(sourceId);
    }

    /** @return the mappings, old id to new id */
    public Map<String, String> asMap() {
        return oldToNew;
    }

    private static void read(InputStream in, String file, Map<String, String> oldToNew, Map<String, String> where)
            throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String at = file + " line " + number;
            Matcher mapping = LINE.matcher(content);
            if (!mapping.matches()) {
                throw new IllegalStateException(at + ": write each mapping as 'Old_Element_Id = New_Element_Id', not '"
                        + content + "'");
            }
            String from = requireId(mapping.group(1), at);
            String to = requireId(mapping.group(2), at);
            if (from.equals(to)) {
                throw new IllegalStateException(at + ": " + from + " is mapped to itself; an element that keeps its id"
                        + " needs no mapping");
            }
            String before = oldToNew.putIfAbsent(from, to);
            if (before != null && !before.equals(to)) {
                throw new IllegalStateException(at + ": " + from + " is mapped to " + to + " here and to " + before
                        + " in " + where.get(from) + "; orders waiting there can go to one element only");
            }
            where.putIfAbsent(from, at);
        }
    }

    private static String requireId(String id, String at) {
        if (!ELEMENT_ID.matcher(id).matches()) {
            throw new IllegalStateException(at + ": '" + id + "' is not an element id (ids are like"
                    + " UserTask_ReviewDiscrepancy: letters, digits and underscores)");
        }
        return id;
    }

    private static MigrationMappings checked(Map<String, String> oldToNew, Map<String, String> where) {
        oldToNew.forEach((from, to) -> {
            if (from.equals(to)) {
                throw new IllegalStateException(where.get(from) + ": " + from + " is mapped to itself; an element"
                        + " that keeps its id needs no mapping");
            }
        });
        return new MigrationMappings(oldToNew);
    }
}
