package dev.driftwise.kafka.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which settings are secret, and text with their values blanked out. Kafka marks its secrets with the
 * type PASSWORD (sasl.jaas.config, ssl.*.password, ssl.keystore.key, OAuth client secrets) and prints them
 * as {@value #HIDDEN}; settings Kafka does not define (a plug-in's) are secret when their names say so.
 */
final class Secrets {

    static final String HIDDEN = "[hidden]";

    private static final List<String> SECRET_NAME_PARTS = List.of("password", "secret", "jaas", "credential", "token", "user.info");
    // inside a JAAS line: password="..." (also unquoted), so a message quoting part of it is blanked too
    private static final Pattern JAAS_PASSWORD = Pattern.compile("(?i)(password|secret|token)\\s*=\\s*\"?([^\"\\s;]+)\"?");

    private Secrets() {}

    static boolean isSecret(String key) {
        for (ClientKind kind : ClientKind.values()) {
            ConfigDef.ConfigKey def = kind.definition(key);
            if (def != null && def.type == ConfigDef.Type.PASSWORD) {
                return true;
            }
        }
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".key")) {
            return true; // ssl.keystore.key and plug-ins' api keys
        }
        return SECRET_NAME_PARTS.stream().anyMatch(k::contains);
    }

    /** The strings to blank in any text: each secret value, and the passwords inside JAAS lines. */
    static List<String> valuesToHide(List<String> secretValues) {
        List<String> hide = new ArrayList<>();
        for (String v : secretValues) {
            if (v == null || v.isBlank()) {
                continue;
            }
            hide.add(v);
            Matcher m = JAAS_PASSWORD.matcher(v);
            while (m.find()) {
                hide.add(m.group(2));
            }
        }
        hide.sort(Comparator.comparingInt(String::length).reversed()); // a whole value before its parts
        return hide;
    }

    static String redact(String text, List<String> hide) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String h : hide) {
            if (h.length() >= 3) { // blanking one or two characters would shred the message and hide nothing
                out = out.replace(h, HIDDEN);
            }
        }
        return out;
    }
}
