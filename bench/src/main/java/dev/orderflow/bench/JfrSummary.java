package dev.orderflow.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's CPU goes, from a JFR recording of the measured phase: execution samples by kind of thread,
 * by the library doing the work (the top-most frame outside the JDK) and by method.
 */
final class JfrSummary {

    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"org.postgresql.", "PostgreSQL JDBC driver"},
            new String[] {"com.zaxxer.hikari.", "HikariCP"},
            new String[] {"org.apache.ibatis.", "MyBatis (Camunda's persistence)"},
            new String[] {"org.camunda.bpm.dmn.", "Camunda DMN engine"},
            new String[] {"org.camunda.feel.", "FEEL (DMN expressions)"},
            new String[] {"org.camunda.", "Camunda engine"},
            new String[] {"dev.orderflow.", "Orderflow"},
            new String[] {"com.fasterxml.jackson.", "Jackson"},
            new String[] {"org.thymeleaf.", "Thymeleaf (mail rendering)"},
            new String[] {"org.springframework.security.", "Spring Security"},
            new String[] {"org.springframework.", "Spring"},
            new String[] {"org.apache.catalina.", "Tomcat"},
            new String[] {"org.apache.coyote.", "Tomcat"},
            new String[] {"org.apache.tomcat.", "Tomcat"},
            new String[] {"io.micrometer.", "Micrometer"},
            new String[] {"ch.qos.logback.", "Logback"},
            new String[] {"org.slf4j.", "Logback"},
            new String[] {"org.flywaydb.", "Flyway"});

    private JfrSummary() {
    }

    static String summarize(Path recording) throws IOException {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                byThread.merge(threadKind(event.getThread("sampledThread").getJavaName()), 1, Integer::sum);
                byLibrary.merge(library(event.getStackTrace()), 1, Integer::sum);
                RecordedFrame top = event.getStackTrace().getFrames().get(0);
                byMethod.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
            }
        }
        return "CPU samples: " + samples + "\n\nby thread:\n" + top(byThread, samples, 10)
                + "\nby library doing the work (top-most frame outside the JDK):\n" + top(byLibrary, samples, 12)
                + "\nhottest methods (self time):\n" + top(byMethod, samples, 15);
    }

    private static String threadKind(String name) {
        if (name == null) {
            return "other";
        }
        if (name.startsWith("http-nio")) {
            return "API requests (Tomcat)";
        }
        if (name.startsWith("camundaTaskExecutor") || name.contains("JobExecutor")) {
            return "job executor";
        }
        if (name.contains("scheduling") || name.contains("relay")) {
            return "scheduled (mail relay)";
        }
        if (name.startsWith("GC") || name.startsWith("G1") || name.contains("Compiler")) {
            return "JVM (GC, JIT)";
        }
        return "other: " + name.replaceAll("[-#]?\\d+$", "");
    }

    private static String library(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                    || type.startsWith("com.sun.")) {
                continue;
            }
            for (String[] library : LIBRARIES) {
                if (type.startsWith(library[0])) {
                    return library[1];
                }
            }
            return type.replaceAll("\\.[^.]+$", "");
        }
        return "JDK only";
    }

    private static String top(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(entry -> String.format("  %5.1f%%  %s", 100.0 * entry.getValue() / total, entry.getKey()))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
