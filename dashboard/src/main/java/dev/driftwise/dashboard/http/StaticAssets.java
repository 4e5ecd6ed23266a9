package dev.driftwise.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The page and its assets, from the jar: our own files under {@code dev/driftwise/dashboard/web/},
 * uPlot from its WebJar (bundled at build time, so the page needs no internet) with its licence.
 * URL paths map to a fixed list of resources: nothing else on the classpath can be fetched.
 */
final class StaticAssets {

    /** A resource and the Content-Type it is served with. */
    record Asset(String resource, String contentType) {}

    private static final String OWN = "dev/driftwise/dashboard/web/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/";

    private static final Map<String, Asset> BY_PATH = Map.of(
            "/", new Asset(OWN + "index.html", "text/html; charset=utf-8"),
            "/assets/dashboard.js", new Asset(OWN + "dashboard.js", "text/javascript; charset=utf-8"),
            "/assets/dashboard.css", new Asset(OWN + "dashboard.css", "text/css; charset=utf-8"),
            "/assets/uPlot.iife.min.js", new Asset(UPLOT + "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "/assets/uPlot.min.css", new Asset(UPLOT + "dist/uPlot.min.css", "text/css; charset=utf-8"),
            "/licenses/uPlot-LICENSE.txt", new Asset(UPLOT + "LICENSE", "text/plain; charset=utf-8"));

    private StaticAssets() {
    }

    static Map<String, Asset> all() {
        return BY_PATH;
    }

    /** The asset's bytes, or null when no asset has this path. */
    static byte[] read(String path) {
        Asset a = BY_PATH.get(path);
        if (a == null) {
            return null;
        }
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(a.resource())) {
            if (in == null) {
                throw new IllegalStateException(a.resource() + " is missing from the classpath: rebuild the dashboard module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a bundled npm WebJar, from its pom.properties (the build pins it; no version in code). */
    static String webjarVersion(String artifact) {
        String resource = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the classpath: the org.webjars.npm:" + artifact
                        + " dependency of the dashboard module is missing");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
