# syntax=docker/dockerfile:1
# Build: docker build -t orderflow .   Run: see docker-compose.yml (profile postgres, secrets from the environment)

# base images pinned to a release: rebuilding the same commit gives the same JDK
FROM eclipse-temurin:17.0.13_11-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
COPY bpmn bpmn
COPY src src
RUN ./mvnw -B -ntp package -DskipTests \
 && java -Djarmode=tools -jar target/orderflow-*.jar extract --layers --launcher --destination target/extracted

FROM eclipse-temurin:17.0.13_11-jre
RUN groupadd --system orderflow && useradd --system --gid orderflow --home-dir /app orderflow
WORKDIR /app
COPY --from=build /build/target/extracted/dependencies/ ./
COPY --from=build /build/target/extracted/spring-boot-loader/ ./
COPY --from=build /build/target/extracted/snapshot-dependencies/ ./
COPY --from=build /build/target/extracted/application/ ./
USER orderflow
EXPOSE 8080
ENV SPRING_PROFILES_ACTIVE=postgres \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
