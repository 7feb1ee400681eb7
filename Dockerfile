# The hub with every plugin of this checkout. Build: docker compose build (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package \
 && mkdir -p /out/plugins \
 && for jar in plugins/*/target/*.jar; do \
      case "$(basename "$jar")" in original-*) ;; *) cp "$jar" /out/plugins/ ;; esac; \
    done \
 && cp hub/core/target/tend-hub.jar /out/

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/tend tend \
 && mkdir -p /var/lib/tend /opt/tend/config \
 && chown tend /var/lib/tend
COPY --from=build /out/tend-hub.jar /opt/tend/tend-hub.jar
COPY --from=build /out/plugins/ /opt/tend/plugins/
COPY config/ /opt/tend/config/
ENV TEND_DATA_DIR=/var/lib/tend \
    TEND_PLUGIN_FOLDER=/opt/tend/plugins \
    TEND_HTTP_HOST=0.0.0.0
USER tend
WORKDIR /opt/tend
VOLUME /var/lib/tend
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/tend/tend-hub.jar"]
CMD ["run", "--config", "/opt/tend/config/tend.yaml"]
